package io.dialer.contact.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.dialer.contact.phone.PhoneParseResult.Invalid;
import io.dialer.contact.phone.PhoneParseResult.Valid;

class PhoneNormalizerTest {

    private final PhoneNormalizer normalizer = PhoneNormalizer.shared();

    @ParameterizedTest(name = "[{0}] in {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "+1 (312) 555-0142      | null | +13125550142",
        "+1 (312) 555-0142      | US   | +13125550142",
        "312.555.0142           | US   | +13125550142",
        "(312) 555 0142         | US   | +13125550142",
        "312-555-0142           | US   | +13125550142",
        "3125550142             | US   | +13125550142",
        "1-312-555-0142         | US   | +13125550142",
        "+13125550142           | GB   | +13125550142",
        "tel:+1-312-555-0142    | null | +13125550142",
        "'  +1 312 555 0142  '  | null | +13125550142",
        "+1 312 555 0142 ext. 7 | null | +13125550142",
        "312-555-0142 x12       | US   | +13125550142",
        "0049 30 1234567        | null | +49301234567",
        "0049 30 1234567        | US   | +49301234567",
        "+49 (0)30 1234567      | null | +49301234567",
        "030 1234567            | DE   | +49301234567",
        "+44 20 7946 0958       | null | +442079460958",
        "0044 20 7123 4567      | US   | +442071234567",
        "07400 123456           | GB   | +447400123456",
        "06 12 34 56 78         | FR   | +33612345678",
        "+33 6 12 34 56 78      | us   | +33612345678",
        "1-800-FLOWERS          | US   | +18003569377",
    })
    void normalizes_realistic_formats(String raw, String region, String e164) {
        PhoneParseResult result = normalizer.normalize(raw, region);
        Valid valid = assertInstanceOf(Valid.class, result, () -> raw + " -> " + result);
        assertEquals(e164, valid.phone().e164());
    }

    @Test
    void us_number_has_type_region_and_chicago_zone() {
        NormalizedPhone phone = valid("+1 (312) 555-0142", null);
        assertEquals("FIXED_LINE_OR_MOBILE", phone.numberType());
        assertEquals("US", phone.region());
        assertEquals(List.of("America/Chicago"), phone.timezones());
    }

    @Test
    void uk_mobile_in_national_format() {
        NormalizedPhone phone = valid("07400 123456", "GB");
        assertEquals("MOBILE", phone.numberType());
        assertEquals("GB", phone.region());
        assertTrue(phone.timezones().contains("Europe/London"), phone.timezones()::toString);
    }

    @Test
    void toll_free_number_gets_every_zone_of_its_country() {
        NormalizedPhone phone = valid("+1 800 555 0199", null);
        assertEquals("TOLL_FREE", phone.numberType());
        assertTrue(phone.timezones().containsAll(List.of("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
                "Pacific/Honolulu")), phone.timezones()::toString);
    }

    @Test
    void non_geographic_mobile_gets_several_zones() {
        NormalizedPhone phone = valid("+61 4 1234 5678", null);
        assertEquals("MOBILE", phone.numberType());
        assertEquals("AU", phone.region());
        assertTrue(phone.timezones().size() > 1 && phone.timezones().contains("Australia/Sydney"), phone.timezones()::toString);
    }

    @Test
    void area_code_spanning_two_zones_lists_both() {
        assertEquals(List.of("America/Boise", "America/Los_Angeles"), valid("+1 208 555 0142", null).timezones());
    }

    @Test
    void unknown_zone_becomes_empty_list() {
        NormalizedPhone phone = valid("+800 1234 5678", null);
        assertEquals("TOLL_FREE", phone.numberType());
        assertEquals("001", phone.region());
        assertEquals(List.of(), phone.timezones());
        assertFalse(phone.timezones().contains("Etc/Unknown"));
    }

    @Test
    void zone_lists_are_shared_between_numbers() {
        assertSame(valid("+1 312 555 0142", null).timezones(), valid("+1 773 555 0199", null).timezones());
    }

    @ParameterizedTest(name = "[{0}] in {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null                       | US   | EMPTY",
        "''                         | US   | EMPTY",
        "'   '                      | US   | EMPTY",
        "call me                    | US   | NOT_A_NUMBER",
        "n/a                        | US   | NOT_A_NUMBER",
        "+999 123 4567              | null | INVALID_COUNTRY_CODE",
        "312 555 0142               | null | INVALID_COUNTRY_CODE",
        "555-12                     | US   | TOO_SHORT",
        "+1 312 555 01421234567890  | null | TOO_LONG",
        "+1 312 123 4567            | null | INVALID_NUMBER",
        "07700 900123               | GB   | INVALID_NUMBER",
        "312 555 0142               | XX   | UNKNOWN_REGION",
        "312 555 0142               | USA  | UNKNOWN_REGION",
    })
    void rejects_with_a_code(String raw, String region, String code) {
        PhoneParseResult result = normalizer.normalize(raw, region);
        Invalid invalid = assertInstanceOf(Invalid.class, result, () -> raw + " -> " + result);
        assertEquals(code, invalid.code(), invalid::message);
        assertFalse(invalid.message().isBlank());
    }

    @Test
    void messages_name_the_input_and_the_country() {
        assertEquals("'555-12' is too short for a phone number in US", invalid("555-12", "US").message());
        assertEquals("'+1 312 123 4567' is not a valid phone number in US", invalid("+1 312 123 4567", null).message());
    }

    @Test
    void very_long_input_is_too_long_and_the_message_stays_short() {
        Invalid invalid = invalid("1".repeat(10_000), "US");
        assertEquals(Invalid.TOO_LONG, invalid.code());
        assertTrue(invalid.message().length() < 100, invalid::message);
    }

    @Test
    void blank_default_region_means_none() {
        assertEquals(Invalid.INVALID_COUNTRY_CODE, invalid("312 555 0142", "").code());
        assertEquals("+13125550142", valid("+1 312 555 0142", " ").e164());
    }

    @Test
    void supported_regions() {
        assertTrue(normalizer.isSupportedRegion("US"));
        assertTrue(normalizer.isSupportedRegion("gb"));
        assertFalse(normalizer.isSupportedRegion("XX"));
        assertFalse(normalizer.isSupportedRegion("001"));
        assertFalse(normalizer.isSupportedRegion(null));
    }

    @Test
    void concurrent_callers_get_the_same_answers_as_a_single_one() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int area = 201 + (i * 37) % 780;
            numbers.add(i % 3 == 0 ? "+44 20 7" + (100 + i % 900) + " " + (1000 + i) : "(" + area + ") " + (200 + i % 800) + "-" + (1000 + i % 9000));
        }
        List<PhoneParseResult> serial = numbers.stream().map(n -> normalizer.normalize(n, "US")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<PhoneParseResult>>> runs = List.of(
                    pool.submit(() -> numbers.stream().map(n -> normalizer.normalize(n, "US")).toList()),
                    pool.submit(() -> numbers.stream().map(n -> normalizer.normalize(n, "US")).toList()));
            for (Future<List<PhoneParseResult>> run : runs) {
                assertEquals(serial, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private NormalizedPhone valid(String raw, String region) {
        PhoneParseResult result = normalizer.normalize(raw, region);
        return assertInstanceOf(Valid.class, result, () -> raw + " -> " + result).phone();
    }

    private Invalid invalid(String raw, String region) {
        PhoneParseResult result = normalizer.normalize(raw, region);
        return assertInstanceOf(Invalid.class, result, () -> raw + " -> " + result);
    }
}
