package io.dialer.notification;

import io.dialer.campaign.CampaignSettings.Fallback;
import io.dialer.contact.Contact;
import io.dialer.contact.ContactState;
import io.dialer.contact.StoredPhone;
import io.dialer.webhook.EventTypes;
import io.dialer.webhook.NewEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FallbackPolicyTest {

    @Test
    void noSettingsNoFallback() {
        assertFalse(FallbackPolicy.wants(null, true, "NO_ANSWER"));
    }

    @Test
    void exhaustedContactsGetItUnlessSwitchedOff() {
        assertTrue(FallbackPolicy.wants(new Fallback(null, null, null, null), true, "NO_ANSWER"));
        assertTrue(FallbackPolicy.wants(new Fallback(true, List.of(), null, null), true, null));
        assertFalse(FallbackPolicy.wants(new Fallback(false, List.of(), null, null), true, "NO_ANSWER"));
        assertFalse(FallbackPolicy.wants(new Fallback(true, List.of(), null, null), false, "NO_ANSWER"));
    }

    @Test
    void listedLastResultsGetItWhateverTheReason() {
        Fallback f = new Fallback(false, List.of("NUMBER_NOT_IN_SERVICE", "INVALID_NUMBER"), null, null);
        assertTrue(FallbackPolicy.wants(f, false, "NUMBER_NOT_IN_SERVICE"));
        assertTrue(FallbackPolicy.wants(f, true, "INVALID_NUMBER"));
        assertFalse(FallbackPolicy.wants(f, false, "BUSY"));
        assertFalse(FallbackPolicy.wants(f, false, null));
    }

    @Test
    void reasonIsExhaustionOrTheLastResult() {
        assertEquals("ATTEMPTS_EXHAUSTED", FallbackPolicy.reason(true, "NO_ANSWER"));
        assertEquals("NUMBER_NOT_IN_SERVICE", FallbackPolicy.reason(false, "NUMBER_NOT_IN_SERVICE"));
    }

    @Test
    void eventCarriesWhatTheNotifierReads() {
        UUID campaign = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        Contact c = new Contact(id, "t1", campaign, "crm-9", "Ada", "Lovelace", "Europe/London", 0, null, null,
                "{\"email\":\"ada@example.com\",\"tier\":2}", null,
                List.of(new StoredPhone("07700 900123", "MOBILE", "+447700900123", "MOBILE", "GB", List.of()),
                        new StoredPhone("020 7946 0000", "HOME", "+442079460000", "FIXED_LINE", "GB", List.of())),
                ContactState.EXHAUSTED, 6, "NO_ANSWER", null, Instant.EPOCH, Instant.EPOCH, null, null);
        NewEvent e = FallbackPolicy.event(c, true, "NO_ANSWER");
        assertEquals(EventTypes.CONTACT_FALLBACK_REQUESTED, e.type());
        assertEquals("t1", e.tenant());
        assertEquals(campaign, e.campaignId());
        Map<String, Object> d = e.data();
        assertEquals(campaign.toString(), d.get("campaignId"));
        assertEquals(id.toString(), d.get("contactId"));
        assertEquals("crm-9", d.get("externalId"));
        assertEquals("Ada", d.get("firstName"));
        assertEquals("Lovelace", d.get("lastName"));
        assertEquals("ATTEMPTS_EXHAUSTED", d.get("reason"));
        assertEquals("NO_ANSWER", d.get("lastResult"));
        assertEquals(List.of("+447700900123", "+442079460000"), d.get("phones"));
        assertEquals("ada@example.com", ((com.fasterxml.jackson.databind.JsonNode) d.get("attributes")).get("email").asText());
    }
}
