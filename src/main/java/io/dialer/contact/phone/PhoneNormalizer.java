package io.dialer.contact.phone;

import java.util.Locale;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.dialer.contact.phone.NumberClassifier.Classification;
import io.dialer.contact.phone.PhoneParseResult.Invalid;
import io.dialer.contact.phone.PhoneParseResult.Valid;

/**
 * Turns what a CRM or a CSV file calls a phone number into E.164, number type, region and candidate time zones.
 *
 * <p>Accepted: international ({@code +44 20 7946 0958}, {@code 0049 30 1234567}: a leading {@code 00} is always
 * read as the international prefix, whatever the default region), national in the default region
 * ({@code (312) 555-0142}, {@code 312.555.0142}, {@code 07400 123456} with GB), RFC 3966 ({@code tel:+1-312-555-0142}),
 * surrounding white space. Extensions ({@code ext. 12}, {@code x12}, {@code ;ext=12}) are accepted and dropped:
 * the dialer dials the line, not the extension.
 *
 * <p>Validity is libphonenumber's: a number must lie in an allocated range, so the UK drama range {@code 07700 900xxx}
 * is {@code INVALID_NUMBER} (while {@code 020 7946 0xxx} and US {@code 555-01xx} numbers pass).
 *
 * <p>Thread-safe; use {@link #shared()}. Speed: international numbers and North American national numbers in common
 * formats skip libphonenumber's general-purpose parser ({@link FastParser}), and the metadata answers for a number are
 * cached per calling code and leading digits ({@link NumberClassifier}); both shortcuts give exactly libphonenumber's
 * results.
 */
public final class PhoneNormalizer {

    private static final PhoneNormalizer SHARED = new PhoneNormalizer();

    /** libphonenumber refuses longer input anyway; this keeps error messages and scanning bounded. */
    private static final int MAX_INPUT_LENGTH = 250;
    private static final int MAX_QUOTED_LENGTH = 40;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final Set<String> supportedRegions = util.getSupportedRegions();
    private final FastParser fastParser = new FastParser(util);
    private final NumberClassifier classifier = new NumberClassifier(util, PhoneNumberToTimeZonesMapper.getInstance(),
            new SignificantPrefix(util));

    private PhoneNormalizer() {
    }

    public static PhoneNormalizer shared() {
        return SHARED;
    }

    /** True for an ISO 3166-1 alpha-2 code libphonenumber has metadata for (case-insensitive). */
    public boolean isSupportedRegion(String regionCode) {
        return toSupportedRegion(regionCode) != null;
    }

    /**
     * @param raw           the number as written by the client
     * @param defaultRegion ISO 3166-1 alpha-2 code used for national formats (case-insensitive); null or blank means
     *                      only international numbers ({@code +…} or {@code 00…}) parse
     */
    public PhoneParseResult normalize(String raw, String defaultRegion) {
        String region = null;
        if (defaultRegion != null && !defaultRegion.isBlank()) {
            region = toSupportedRegion(defaultRegion);
            if (region == null) {
                return new Invalid(Invalid.UNKNOWN_REGION,
                        "'" + abbreviate(defaultRegion.strip()) + "' is not a supported region code (expected ISO 3166-1 alpha-2, e.g. US, GB, DE)");
            }
        }
        if (raw == null || raw.isBlank()) {
            return new Invalid(Invalid.EMPTY, "phone number is empty");
        }
        String text = raw.strip();
        if (text.length() > MAX_INPUT_LENGTH) {
            return new Invalid(Invalid.TOO_LONG, "'" + abbreviate(text) + "' is too long for a phone number");
        }

        String prepared = prepareForParsing(text);
        PhoneNumber number;
        String nsn;
        FastParser.Parsed parsed = fastParser.parse(prepared, region);
        if (parsed != null) {
            number = parsed.number();
            nsn = parsed.nationalSignificantNumber();
        } else {
            try {
                number = util.parse(prepared, region);
            } catch (NumberParseException e) {
                return parseFailure(e, text, region);
            }
            nsn = util.getNationalSignificantNumber(number);
        }

        int countryCode = number.getCountryCode();
        Classification classification = classifier.classify(number, nsn);
        switch (classification.possibility()) {
            case IS_POSSIBLE, IS_POSSIBLE_LOCAL_ONLY:
                break;
            case TOO_SHORT:
                return new Invalid(Invalid.TOO_SHORT, "'" + abbreviate(text) + "' is too short for a phone number" + where(countryCode));
            case TOO_LONG:
                return new Invalid(Invalid.TOO_LONG, "'" + abbreviate(text) + "' is too long for a phone number" + where(countryCode));
            case INVALID_COUNTRY_CODE:
                return new Invalid(Invalid.INVALID_COUNTRY_CODE, "'" + abbreviate(text) + "' has an unknown country calling code +" + countryCode);
            default: // INVALID_LENGTH: between the shortest and longest length, but no number type has this length
                return invalidNumber(text, countryCode);
        }
        if (classification.type() == PhoneNumberType.UNKNOWN || classification.region() == null) {
            return invalidNumber(text, countryCode);
        }
        String e164 = "+" + countryCode + nsn;
        return new Valid(new NormalizedPhone(e164, classification.type().name(), classification.region(), classification.timeZones()));
    }

    /**
     * Reduces the common shapes ({@code +1 (312) 555-0142}, {@code 312.555.0142}, {@code tel:+1-312-555-0142},
     * {@code 0049 30 1234567}) to {@code +digits} / {@code digits}, which libphonenumber parses with less regex work.
     * Anything else (letters, extensions, unusual punctuation) goes to libphonenumber untouched.
     */
    static String prepareForParsing(String text) {
        char first = text.charAt(0);
        int start = (first == 't' || first == 'T') && text.regionMatches(true, 0, "tel:", 0, 4) ? 4 : 0;
        int length = text.length();
        char[] out = new char[length - start + 1];
        int n = 0;
        boolean plus = false;
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                out[n++] = c;
            } else if (c == '+' && n == 0 && !plus) {
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/' && c != '\u00A0') {
                return rewriteDoubleZeroPrefix(text);
            }
        }
        if (n == 0) {
            return text;
        }
        if (!plus && n > 2 && out[0] == '0' && out[1] == '0') {
            return "+" + new String(out, 2, n - 2);
        }
        return plus ? "+" + new String(out, 0, n) : new String(out, 0, n);
    }

    /** Slow path: only turn a leading "00" into "+", leave the rest to libphonenumber. */
    private static String rewriteDoubleZeroPrefix(String text) {
        if (text.length() > 2 && text.charAt(0) == '0' && text.charAt(1) == '0' && Character.isDigit(text.charAt(2))) {
            return "+" + text.substring(2);
        }
        return text;
    }

    private PhoneParseResult parseFailure(NumberParseException e, String text, String region) {
        String quoted = "'" + abbreviate(text) + "'";
        String where = region == null ? "" : " in " + region;
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> region == null && !looksInternational(text)
                    ? new Invalid(Invalid.INVALID_COUNTRY_CODE, quoted + " has no country code; write it as +<country code> or set a default region")
                    : new Invalid(Invalid.INVALID_COUNTRY_CODE, quoted + " has an unknown country calling code");
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> new Invalid(Invalid.TOO_SHORT, quoted + " is too short for a phone number" + where);
            case TOO_LONG -> new Invalid(Invalid.TOO_LONG, quoted + " is too long for a phone number" + where);
            case NOT_A_NUMBER -> new Invalid(Invalid.NOT_A_NUMBER, quoted + " is not a phone number");
        };
    }

    private static boolean looksInternational(String text) {
        String prepared = prepareForParsing(text);
        return prepared.startsWith("+");
    }

    private Invalid invalidNumber(String text, int countryCode) {
        return new Invalid(Invalid.INVALID_NUMBER, "'" + abbreviate(text) + "' is not a valid phone number" + where(countryCode));
    }

    /** " in US" for a country, " for +800" for the non-geographic codes. */
    private String where(int countryCode) {
        String region = util.getRegionCodeForCountryCode(countryCode);
        return supportedRegions.contains(region) ? " in " + region : " for +" + countryCode;
    }

    private String toSupportedRegion(String regionCode) {
        if (regionCode == null) {
            return null;
        }
        if (supportedRegions.contains(regionCode)) {
            return regionCode;
        }
        String upper = regionCode.strip().toUpperCase(Locale.ROOT);
        return supportedRegions.contains(upper) ? upper : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "…";
    }
}
