package io.dialer.platform;

/** Writes JSON strings by hand, for the hot paths of bulk imports where a Jackson generator per row costs too much. */
public final class JsonText {

    private JsonText() {
    }

    public static StringBuilder string(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("null");
        }
        sb.append('"');
        if (!needsEscape(value)) {
            return sb.append(value).append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"');
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\' || ch < 0x20) {
                return true;
            }
        }
        return false;
    }
}
