package io.dialer.contact.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.dialer.contact.phone.PhoneParseResult.Invalid;
import io.dialer.contact.phone.PhoneParseResult.Valid;

/**
 * The normalizer's shortcuts (North American fast parse, per-prefix cache) must give exactly what plain libphonenumber
 * gives. Random numbers, biased towards the area codes with unusual rules, in several formats and default regions.
 */
class PhoneNormalizerMatchesLibphonenumberTest {

    private static final String[] SPECIAL_AREA_CODES = {
        "246", "876", "658", "208", "907", "800", "888", "900", "523", "524", "500", "600", "268", "809", "829", "849", "787",
        "939", "340", "671", "670", "684", "441", "345", "242", "416", "604", "867", "312", "212", "212", "100", "011"};
    private static final String[] NANP_REGIONS = {"US", "CA", "JM", "BB", "GB", null};

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();
    private final PhoneNormalizer normalizer = PhoneNormalizer.shared();
    private final SplittableRandom random = new SplittableRandom(20260122);

    @Test
    void north_american_numbers_in_every_format_and_region() {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String area = random.nextBoolean() ? SPECIAL_AREA_CODES[random.nextInt(SPECIAL_AREA_CODES.length)] : digits(3);
            String exchange = digits(3);
            String line = digits(4);
            String[] formats = {
                "+1 (" + area + ") " + exchange + "-" + line,
                area + "." + exchange + "." + line,
                "1-" + area + "-" + exchange + "-" + line,
                area + exchange + line,
            };
            for (String raw : formats) {
                for (String region : NANP_REGIONS) {
                    compare(raw, region, mismatches);
                }
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())));
    }

    @Test
    void numbers_of_other_countries_match_too() {
        String[][] countries = {{"44", "GB"}, {"49", "DE"}, {"33", "FR"}, {"39", "IT"}, {"61", "AU"}, {"7", "RU"}, {"52", "MX"}, {"55", "BR"}, {"54", "AR"}, {"91", "IN"},
            {"86", "CN"}, {"81", "JP"}, {"34", "ES"}, {"41", "CH"}, {"31", "NL"}, {"1", "US"}, {"1", "JM"}};
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String[] country = countries[random.nextInt(countries.length)];
            String national = digits(6 + random.nextInt(6));
            compare("+" + country[0] + " " + national, null, mismatches);
            compare("0" + national, country[1], mismatches);
            compare(national, country[1], mismatches);
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())));
    }

    private void compare(String raw, String region, List<String> mismatches) {
        String expected = reference(raw, region);
        String actual = describe(normalizer.normalize(raw, region));
        if (!expected.equals(actual)) {
            mismatches.add(raw + " in " + region + ": expected " + expected + " but was " + actual);
        }
    }

    /** What plain libphonenumber says, in the normalizer's vocabulary; a leading 00 is "+" by the normalizer's own rule. */
    private String reference(String raw, String region) {
        PhoneNumber number;
        try {
            number = util.parse(raw.startsWith("00") ? "+" + raw.substring(2) : raw, region);
        } catch (NumberParseException e) {
            return switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> Invalid.INVALID_COUNTRY_CODE;
                case NOT_A_NUMBER -> Invalid.NOT_A_NUMBER;
                case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> Invalid.TOO_SHORT;
                case TOO_LONG -> Invalid.TOO_LONG;
            };
        }
        switch (util.isPossibleNumberWithReason(number)) {
            case TOO_SHORT:
                return Invalid.TOO_SHORT;
            case TOO_LONG:
                return Invalid.TOO_LONG;
            case INVALID_COUNTRY_CODE:
                return Invalid.INVALID_COUNTRY_CODE;
            case INVALID_LENGTH:
                return Invalid.INVALID_NUMBER;
            default:
                break;
        }
        if (!util.isValidNumber(number)) {
            return Invalid.INVALID_NUMBER;
        }
        List<String> timeZones = new ArrayList<>(zones.getTimeZonesForNumber(number));
        timeZones.remove(PhoneNumberToTimeZonesMapper.getUnknownTimeZone());
        return util.format(number, PhoneNumberFormat.E164) + " " + util.getNumberType(number) + " " + util.getRegionCodeForNumber(number) + " " + timeZones;
    }

    private static String describe(PhoneParseResult result) {
        if (result instanceof Valid valid) {
            return valid.phone().e164() + " " + valid.phone().numberType() + " " + valid.phone().region() + " " + valid.phone().timezones();
        }
        return ((Invalid) result).code();
    }

    private String digits(int count) {
        char[] digits = new char[count];
        for (int i = 0; i < count; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }
}
