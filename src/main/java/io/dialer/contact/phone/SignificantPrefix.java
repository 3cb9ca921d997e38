package io.dialer.contact.phone;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import com.google.i18n.phonenumbers.prefixmapper.PrefixTimeZonesMap;

/**
 * How many leading digits of the national significant number (NSN) decide everything {@link NumberClassifier} asks
 * libphonenumber (possible length, validity, type, region, time zones), given the calling code and the NSN length.
 * Numbers that agree on those digits and on the length get the same answers, so the answers can be cached.
 *
 * <p>Derived from the metadata itself, never assumed. Every number pattern of every region of a calling code is read
 * as alternatives of the form {@code <prefix part>\d{n}}; an alternative constrains at most as many leading digits as
 * its prefix part can match. The answer is kept per 3-digit head of the NSN, counting only alternatives that can match
 * a number starting with that head ({@link Matcher#hitEnd()} tells), so a thousands-block rule under one area code
 * (246 Barbados, 876 Jamaica) does not lengthen the keys of all North American numbers. Leading-digit patterns and the
 * longest time-zone prefix of the head count too. Any regex syntax outside the simple subset the metadata uses makes
 * the calling code uncacheable, which only costs speed.
 */
final class SignificantPrefix {

    static final int UNKNOWN = -1;
    /** More leading digits than this would make cache keys overflow and the cache useless anyway. */
    static final int MAX_CACHEABLE = 9;
    static final int HEAD_DIGITS = 3;
    private static final int HEADS = 1000;
    private static final int[] UNCACHEABLE = new int[0];
    private static final String TIME_ZONE_DATA = "/com/google/i18n/phonenumbers/timezones/data/map_data";

    private final PhoneNumberUtil util;
    private final MetadataSource metadataSource = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** NSN part of every time-zone map key, per calling code; null when the map could not be read. */
    private final Map<Integer, List<String>> timeZonePrefixes;
    /** Per calling code: significant length per head (index = the head's 3 digits as a number), built on first use. */
    private final ConcurrentHashMap<Integer, int[]> tables = new ConcurrentHashMap<>();

    SignificantPrefix(PhoneNumberUtil util) {
        this.util = util;
        this.timeZonePrefixes = timeZonePrefixes(util);
    }

    /** Significant leading digits for this number, or {@link #UNKNOWN} when its answers must not be cached. */
    int lengthFor(int callingCode, String nsn) {
        if (nsn.length() < HEAD_DIGITS) {
            return UNKNOWN;
        }
        int[] table = tables.computeIfAbsent(callingCode, this::buildTable);
        if (table == UNCACHEABLE) {
            return UNKNOWN;
        }
        int head = (nsn.charAt(0) - '0') * 100 + (nsn.charAt(1) - '0') * 10 + (nsn.charAt(2) - '0');
        return table[head];
    }

    private int[] buildTable(int callingCode) {
        if (timeZonePrefixes == null) {
            return UNCACHEABLE;
        }
        int leadingDigits = 0;
        List<Alternative> alternatives = new ArrayList<>();
        for (String region : util.getRegionCodesForCountryCode(callingCode)) {
            PhoneMetadata metadata = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region) ? null : metadataSource.getMetadataForRegion(region);
            if (metadata == null) {
                return UNCACHEABLE;
            }
            if (metadata.hasLeadingDigits()) {
                int length = longestMatch(metadata.getLeadingDigits());
                if (length == UNKNOWN) {
                    return UNCACHEABLE;
                }
                leadingDigits = Math.max(leadingDigits, length);
            }
            for (PhoneNumberDesc desc : descriptions(metadata)) {
                if (desc.hasNationalNumberPattern() && !alternatives(desc.getNationalNumberPattern(), alternatives)) {
                    return UNCACHEABLE;
                }
            }
        }
        List<String> zonePrefixes = timeZonePrefixes.getOrDefault(callingCode, List.of());
        int[] table = new int[HEADS];
        for (int head = 0; head < HEADS; head++) {
            String headDigits = String.format("%03d", head);
            int length = Math.max(leadingDigits, HEAD_DIGITS);
            for (Alternative alternative : alternatives) {
                if (alternative.prefixLength() > length && canStartWith(alternative.pattern(), headDigits)) {
                    length = alternative.prefixLength();
                }
            }
            for (String zonePrefix : zonePrefixes) {
                if (zonePrefix.length() > length && zonePrefix.startsWith(headDigits)) {
                    length = zonePrefix.length();
                }
            }
            table[head] = length <= MAX_CACHEABLE ? length : UNKNOWN;
        }
        return table;
    }

    /** True when some string starting with {@code head} could match: a failed match that never reached the end of the input cannot be rescued by more input. */
    private static boolean canStartWith(Pattern pattern, String head) {
        Matcher matcher = pattern.matcher(head);
        return matcher.matches() || matcher.hitEnd();
    }

    private static List<PhoneNumberDesc> descriptions(PhoneMetadata metadata) {
        return List.of(metadata.getGeneralDesc(), metadata.getFixedLine(), metadata.getMobile(), metadata.getTollFree(),
                metadata.getPremiumRate(), metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(),
                metadata.getPager(), metadata.getUan(), metadata.getVoicemail());
    }

    /** One top-level alternative of a number pattern and the leading digits it constrains. */
    private record Alternative(Pattern pattern, int prefixLength) {
    }

    /** Adds the top-level alternatives of {@code regex} to {@code into}; false if the regex is outside the subset. */
    private static boolean alternatives(String regex, List<Alternative> into) {
        try {
            Parser parser = new Parser(regex);
            List<List<Item>> sequences = parser.alternation();
            parser.expectEnd();
            for (int i = 0; i < sequences.size(); i++) {
                List<Item> sequence = sequences.get(i);
                int end = sequence.size();
                while (end > 0 && sequence.get(end - 1).anyDigit()) {
                    end--;
                }
                into.add(new Alternative(Pattern.compile(parser.topLevelSource(i)), maxLength(sequence.subList(0, end))));
            }
            return true;
        } catch (IllegalArgumentException unsupported) {
            return false;
        }
    }

    /** Longest string the whole pattern can match (for leading-digits patterns, which are matched as prefixes). */
    static int longestMatch(String regex) {
        try {
            Parser parser = new Parser(regex);
            List<List<Item>> alternatives = parser.alternation();
            parser.expectEnd();
            return longestAlternative(alternatives);
        } catch (IllegalArgumentException unsupported) {
            return UNKNOWN;
        }
    }

    private static int maxLength(List<Item> sequence) {
        int total = 0;
        for (Item item : sequence) {
            total += item.maxLength() * item.maxRepeat();
        }
        return total;
    }

    private static int longestAlternative(List<List<Item>> alternatives) {
        int longest = 0;
        for (List<Item> sequence : alternatives) {
            longest = Math.max(longest, maxLength(sequence));
        }
        return longest;
    }

    private static Map<Integer, List<String>> timeZonePrefixes(PhoneNumberUtil util) {
        PrefixTimeZonesMap map = new PrefixTimeZonesMap();
        try (InputStream resource = PrefixTimeZonesMap.class.getResourceAsStream(TIME_ZONE_DATA)) {
            if (resource == null) {
                return null;
            }
            try (ObjectInputStream in = new ObjectInputStream(resource)) {
                map.readExternal(in);
            }
        } catch (IOException e) {
            return null;
        }
        Map<Integer, List<String>> prefixes = new HashMap<>();
        // toString lists one "prefix|zone&zone" entry per line; the prefix starts with the calling code.
        for (String line : map.toString().split("\n")) {
            int bar = line.indexOf('|');
            if (bar <= 0 || !line.substring(0, bar).chars().allMatch(Character::isDigit)) {
                return null;
            }
            String prefix = line.substring(0, bar);
            for (int ccLength = 1; ccLength <= 3 && ccLength <= prefix.length(); ccLength++) {
                int callingCode = Integer.parseInt(prefix.substring(0, ccLength));
                if (!util.getRegionCodesForCountryCode(callingCode).isEmpty()) {
                    prefixes.computeIfAbsent(callingCode, cc -> new ArrayList<>()).add(prefix.substring(ccLength));
                    break;
                }
            }
        }
        return prefixes;
    }

    /** One regex atom with its repetition bound; {@code anyDigit} is a plain {@code \d} (any repetition). */
    private record Item(boolean anyDigit, int maxLength, int maxRepeat) {
    }

    /** Recursive-descent reader for the regex subset libphonenumber metadata uses; anything else is rejected. */
    private static final class Parser {
        private final String regex;
        private int at;
        private int depth;
        private final List<Integer> topLevelBars = new ArrayList<>();

        Parser(String regex) {
            this.regex = regex;
        }

        List<List<Item>> alternation() {
            List<List<Item>> alternatives = new ArrayList<>();
            alternatives.add(sequence());
            while (at < regex.length() && regex.charAt(at) == '|') {
                if (depth == 0) {
                    topLevelBars.add(at);
                }
                at++;
                alternatives.add(sequence());
            }
            return alternatives;
        }

        /** Source text of the i-th top-level alternative (valid after the whole regex was read). */
        String topLevelSource(int i) {
            int from = i == 0 ? 0 : topLevelBars.get(i - 1) + 1;
            int to = i == topLevelBars.size() ? regex.length() : topLevelBars.get(i);
            return regex.substring(from, to);
        }

        void expectEnd() {
            if (at != regex.length()) {
                throw new IllegalArgumentException("unexpected '" + regex.charAt(at) + "'");
            }
        }

        private List<Item> sequence() {
            List<Item> items = new ArrayList<>();
            while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
                items.add(quantified());
            }
            return items;
        }

        private Item quantified() {
            char c = regex.charAt(at);
            boolean anyDigit = false;
            int length;
            if (c >= '0' && c <= '9') {
                at++;
                length = 1;
            } else if (regex.startsWith("\\d", at)) {
                at += 2;
                anyDigit = true;
                length = 1;
            } else if (c == '[') {
                int close = regex.indexOf(']', at);
                String members = close < 0 ? "" : regex.substring(at + 1, close);
                if (members.isEmpty() || !members.chars().allMatch(m -> (m >= '0' && m <= '9') || m == '-')) {
                    throw new IllegalArgumentException("unsupported class");
                }
                at = close + 1;
                length = 1;
            } else if (c == '(') {
                at += regex.startsWith("(?:", at) ? 3 : 1;
                depth++;
                length = longestAlternative(alternation());
                depth--;
                if (at >= regex.length() || regex.charAt(at) != ')') {
                    throw new IllegalArgumentException("unclosed group");
                }
                at++;
            } else {
                throw new IllegalArgumentException("unsupported '" + c + "'");
            }
            return new Item(anyDigit, length, maxRepeat());
        }

        private int maxRepeat() {
            if (at >= regex.length()) {
                return 1;
            }
            char c = regex.charAt(at);
            if (c == '?') {
                at++;
                return 1;
            }
            if (c != '{') {
                return 1;
            }
            int close = regex.indexOf('}', at);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed repetition");
            }
            String bounds = regex.substring(at + 1, close);
            at = close + 1;
            int comma = bounds.indexOf(',');
            String max = comma < 0 ? bounds : bounds.substring(comma + 1);
            if (max.isEmpty()) {
                throw new IllegalArgumentException("unbounded repetition");
            }
            return Integer.parseInt(max);
        }
    }
}
