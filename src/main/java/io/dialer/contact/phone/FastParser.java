package io.dialer.contact.phone;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * Builds the {@link PhoneNumber} that {@code PhoneNumberUtil.parse} would build, without its general-purpose
 * extraction regexes, for the two shapes that make up nearly every import:
 * <ul>
 *   <li>{@code +<calling code><NSN>}: the calling code is split off the way libphonenumber does (shortest known code of
 *       1-3 digits); the shortcut applies only when the country's national-prefix-for-parsing pattern does not match the
 *       NSN, because only then does libphonenumber keep the NSN as it is.</li>
 *   <li>with a North American default region, 10 digits starting 2-9, optionally after a 1 (area codes never start
 *       with 0 or 1, so neither an international nor a national prefix can be involved).</li>
 * </ul>
 * Anything else returns null and goes to libphonenumber. Input is what {@link PhoneNormalizer#prepareForParsing}
 * produced: {@code +digits} or {@code digits} for clean input.
 */
final class FastParser {

    record Parsed(PhoneNumber number, String nationalSignificantNumber) {
    }

    private static final int NANP = 1;
    /** libphonenumber's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN. */
    private static final int MIN_NSN = 2;
    private static final int MAX_NSN = 17;

    private final PhoneNumberUtil util;
    /** Index = calling code; what libphonenumber's country-code extraction accepts. */
    private final boolean[] knownCallingCodes = new boolean[1000];
    private final Set<String> nanpRegions;
    private final MetadataSource metadataSource = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** Per geographic calling code: its national-prefix-for-parsing pattern, empty when it has none. */
    private final ConcurrentHashMap<Integer, Optional<Pattern>> nationalPrefixPatterns = new ConcurrentHashMap<>();

    FastParser(PhoneNumberUtil util) {
        this.util = util;
        for (int callingCode : util.getSupportedCallingCodes()) {
            knownCallingCodes[callingCode] = true;
        }
        this.nanpRegions = Set.copyOf(util.getRegionCodesForCountryCode(NANP));
    }

    /** The parsed number, or null when this shape needs libphonenumber's full parser. */
    Parsed parse(String prepared, String region) {
        int length = prepared.length();
        if (length == 0 || !allDigits(prepared, prepared.charAt(0) == '+' ? 1 : 0)) {
            return null;
        }
        if (prepared.charAt(0) == '+') {
            return international(prepared);
        }
        if (region == null || !nanpRegions.contains(region)) {
            return null;
        }
        if (length == 10 && isNanpLeadingDigit(prepared.charAt(0))) {
            return nanp(prepared);
        }
        if (length == 11 && prepared.charAt(0) == '1' && isNanpLeadingDigit(prepared.charAt(1))) {
            return nanp(prepared.substring(1));
        }
        return null;
    }

    private Parsed international(String prepared) {
        int length = prepared.length();
        if (length == 12 && prepared.charAt(1) == '1' && isNanpLeadingDigit(prepared.charAt(2))) {
            return nanp(prepared.substring(2));
        }
        if (length <= 1 + MIN_NSN || prepared.charAt(1) == '0') {
            return null; // libphonenumber's errors (too short after IDD, invalid country code) come from the full parser
        }
        for (int ccLength = 1; ccLength <= 3 && 1 + ccLength < length; ccLength++) {
            int callingCode = Integer.parseInt(prepared, 1, 1 + ccLength, 10);
            if (!knownCallingCodes[callingCode]) {
                continue;
            }
            String nsn = prepared.substring(1 + ccLength);
            Optional<Pattern> nationalPrefix = nationalPrefixPattern(callingCode);
            if (nationalPrefix == null || nsn.length() < MIN_NSN || nsn.length() > MAX_NSN
                    || nationalPrefix.isPresent() && nationalPrefix.get().matcher(nsn).lookingAt()) {
                return null;
            }
            return new Parsed(withItalianLeadingZeros(new PhoneNumber().setCountryCode(callingCode), nsn), nsn);
        }
        return null;
    }

    /** Null when the calling code is non-geographic or has no metadata (left to libphonenumber). */
    private Optional<Pattern> nationalPrefixPattern(int callingCode) {
        return nationalPrefixPatterns.computeIfAbsent(callingCode, cc -> {
            String region = util.getRegionCodeForCountryCode(cc);
            if (PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region) || "ZZ".equals(region)) { // ZZ: libphonenumber's unknown region
                return null;
            }
            PhoneMetadata metadata = metadataSource.getMetadataForRegion(region);
            if (metadata == null) {
                return null;
            }
            String pattern = metadata.getNationalPrefixForParsing();
            return pattern == null || pattern.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(pattern));
        });
    }

    private static Parsed nanp(String nsn) {
        return new Parsed(new PhoneNumber().setCountryCode(NANP).setNationalNumber(Long.parseLong(nsn)), nsn);
    }

    /** Same as libphonenumber's setItalianLeadingZerosForPhoneNumber plus the national number itself. */
    private static PhoneNumber withItalianLeadingZeros(PhoneNumber number, String nsn) {
        if (nsn.length() > 1 && nsn.charAt(0) == '0') {
            number.setItalianLeadingZero(true);
            int zeros = 1;
            while (zeros < nsn.length() - 1 && nsn.charAt(zeros) == '0') {
                zeros++;
            }
            if (zeros != 1) {
                number.setNumberOfLeadingZeros(zeros);
            }
        }
        return number.setNationalNumber(Long.parseLong(nsn));
    }

    private static boolean isNanpLeadingDigit(char c) {
        return c >= '2' && c <= '9';
    }

    private static boolean allDigits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return from < text.length();
    }
}
