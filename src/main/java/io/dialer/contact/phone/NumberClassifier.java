package io.dialer.contact.phone;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Answers the metadata questions about a parsed number: possible length, type (UNKNOWN = not valid), region and
 * candidate time zones. These are libphonenumber's regex-heavy calls; the answers are cached per calling code, NSN
 * length and {@link SignificantPrefix significant leading digits} (NPA-NXX for North America), which is exact.
 */
final class NumberClassifier {

    record Classification(ValidationResult possibility, PhoneNumberType type, String region, List<String> timeZones) {
    }

    /** Bounds the memory of the cache (about 60 bytes per entry); numbers beyond it are classified uncached. */
    static final int MAX_CACHED_PREFIXES = 200_000;
    private static final String UNKNOWN_TIME_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    private final PhoneNumberUtil util;
    private final PhoneNumberToTimeZonesMapper timeZones;
    private final SignificantPrefix significantPrefix;
    private final ConcurrentHashMap<Long, Classification> byPrefix = new ConcurrentHashMap<>();
    /** Non-geographic numbers (toll free, most mobiles outside NANP) get every zone of their country. */
    private final ConcurrentHashMap<Integer, List<String>> countryLevelZones = new ConcurrentHashMap<>();
    /** One shared immutable list per distinct zone set, so a million phones hold a few hundred lists. */
    private final ConcurrentHashMap<List<String>, List<String>> internedZoneLists = new ConcurrentHashMap<>();

    NumberClassifier(PhoneNumberUtil util, PhoneNumberToTimeZonesMapper timeZones, SignificantPrefix significantPrefix) {
        this.util = util;
        this.timeZones = timeZones;
        this.significantPrefix = significantPrefix;
    }

    /** @param nationalSignificantNumber {@code util.getNationalSignificantNumber(number)}, which the caller has at hand */
    Classification classify(PhoneNumber number, String nationalSignificantNumber) {
        int prefixLength = significantPrefix.lengthFor(number.getCountryCode(), nationalSignificantNumber);
        if (prefixLength == SignificantPrefix.UNKNOWN) {
            return classifyUncached(number);
        }
        long key = cacheKey(number.getCountryCode(), nationalSignificantNumber, prefixLength);
        Classification known = byPrefix.get(key);
        if (known != null) {
            return known;
        }
        Classification computed = classifyUncached(number);
        if (byPrefix.size() < MAX_CACHED_PREFIXES) {
            byPrefix.putIfAbsent(key, computed);
        }
        return computed;
    }

    /**
     * Calling code, NSN length, prefix length and the first {@code prefixLength} digits, packed without collisions:
     * the digits stay below 10^9 ({@link SignificantPrefix#MAX_CACHEABLE}), the rest goes above.
     */
    static long cacheKey(int callingCode, String nsn, int prefixLength) {
        int digits = Math.min(prefixLength, nsn.length());
        long prefix = 0;
        for (int i = 0; i < digits; i++) {
            prefix = prefix * 10 + (nsn.charAt(i) - '0');
        }
        return ((callingCode * 32L + nsn.length()) * 16 + prefixLength) * 1_000_000_000L + prefix;
    }

    Classification classifyUncached(PhoneNumber number) {
        ValidationResult possibility = util.isPossibleNumberWithReason(number);
        // getNumberType is UNKNOWN exactly when isValidNumber is false; asking it alone saves a second metadata match.
        PhoneNumberType type = util.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            return new Classification(possibility, type, null, List.of());
        }
        String region = util.getRegionCodeForNumber(number);
        return new Classification(possibility, type, region, timeZonesFor(number, type));
    }

    private List<String> timeZonesFor(PhoneNumber number, PhoneNumberType type) {
        int countryCode = number.getCountryCode();
        if (util.isNumberGeographical(type, countryCode)) {
            return intern(timeZones.getTimeZonesForGeographicalNumber(number));
        }
        // The mapper answers country-level zones for every valid non-geographic number of a calling code.
        return countryLevelZones.computeIfAbsent(countryCode, cc -> intern(timeZones.getTimeZonesForNumber(number)));
    }

    private List<String> intern(List<String> zones) {
        List<String> known = internedZoneLists.get(zones);
        if (known != null) {
            return known;
        }
        // List.copyOf gives a list that NormalizedPhone's own List.copyOf passes through, so the instance stays shared.
        List<String> clean = List.copyOf(zones.stream().filter(zone -> !UNKNOWN_TIME_ZONE.equals(zone)).toList());
        List<String> raced = internedZoneLists.putIfAbsent(zones, clean);
        return raced != null ? raced : clean;
    }
}
