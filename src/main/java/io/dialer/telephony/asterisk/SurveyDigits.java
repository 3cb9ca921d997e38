package io.dialer.telephony.asterisk;

/** Reads a keypad answer: "1".."9", "10" keyed as 1 then 0, or "0" alone for 10. */
final class SurveyDigits {

    private SurveyDigits() {
    }

    /** The answer the keys give within [min, max], or null. */
    static Integer answer(String keys, int min, int max) {
        if (keys == null || keys.isEmpty()) {
            return null;
        }
        int value;
        if (keys.equals("0") || keys.equals("10")) {
            value = 10;
        } else if (keys.length() == 1 && Character.isDigit(keys.charAt(0))) {
            value = keys.charAt(0) - '0';
        } else {
            return null;
        }
        return value >= min && value <= max ? value : null;
    }

    /** Whether a first key needs a second one to be read ("1" may be the start of "10"). */
    static boolean mayContinue(char first, int max) {
        return first == '1' && max >= 10;
    }
}
