package io.dialer.client.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each catalogue type parses into its class; unknown types and fields are kept, not rejected. */
class WebhookEventTest {

    private static String event(String type, String data) {
        return "{\"id\":\"e1\",\"type\":\"" + type + "\",\"timestamp\":\"2026-11-22T17:00:00.123Z\",\"campaignId\":\"c-1\","
                + "\"sequence\":7,\"data\":" + data + "}";
    }

    @Test
    void contactCompleted() {
        ContactCompleted c = assertInstanceOf(ContactCompleted.class, WebhookEvent.parse(event("contact.completed",
                "{\"contactId\":\"k1\",\"contactExternalId\":\"crm-1\",\"campaignId\":\"c-1\",\"state\":\"EXHAUSTED\","
                        + "\"reason\":\"MAX_ATTEMPTS\",\"reasonMessage\":\"6 of 6 attempts made\",\"attemptCount\":6,\"lastResult\":\"NO_ANSWER\"}")));
        assertEquals("k1", c.contactId());
        assertEquals("crm-1", c.contactExternalId());
        assertEquals("EXHAUSTED", c.state());
        assertEquals("MAX_ATTEMPTS", c.reason());
        assertEquals("6 of 6 attempts made", c.reasonMessage());
        assertEquals(6, c.attemptCount());
        assertEquals("NO_ANSWER", c.lastResult());
        assertEquals(Instant.parse("2026-11-22T17:00:00.123Z"), c.timestamp());
    }

    @Test
    void outcomeRecorded() {
        OutcomeRecorded o = assertInstanceOf(OutcomeRecorded.class, WebhookEvent.parse(event("outcome.recorded",
                "{\"attemptId\":\"a1\",\"contactId\":\"k1\",\"contactExternalId\":\"crm-1\",\"code\":\"SALE\",\"category\":\"SUCCESS\","
                        + "\"final\":true,\"rightPartyContact\":true,\"notes\":\"paid\",\"callbackAt\":null,\"data\":{\"amount\":12},"
                        + "\"agentId\":\"ag1\"}")));
        assertEquals("SALE", o.code());
        assertEquals("SUCCESS", o.category());
        assertEquals(Boolean.TRUE, o.isFinal());
        assertEquals(Boolean.TRUE, o.rightPartyContact());
        assertEquals("paid", o.notes());
        assertNull(o.callbackAt());
        assertEquals(12, o.outcomeData().get("amount").asInt());
        assertEquals("ag1", o.agentId());
    }

    @Test
    void numberInvalidatedCampaignStateImportEndpointFallbackAndTest() {
        NumberInvalidated n = assertInstanceOf(NumberInvalidated.class, WebhookEvent.parse(event("number.invalidated",
                "{\"number\":\"+15555550100\",\"status\":\"INVALID\",\"reason\":\"NUMBER_NOT_IN_SERVICE\",\"contactExternalId\":\"crm-2\"}")));
        assertEquals("+15555550100", n.number());
        assertEquals("INVALID", n.status());

        for (String type : List.of("campaign.started", "campaign.paused", "campaign.resumed", "campaign.stopped", "campaign.completed")) {
            CampaignStateChanged s = assertInstanceOf(CampaignStateChanged.class, WebhookEvent.parse(event(type,
                    "{\"campaignId\":\"c-1\",\"name\":\"Renewals\",\"state\":\"RUNNING\",\"previousState\":\"DRAFT\"}")));
            assertEquals("Renewals", s.name());
            assertEquals("DRAFT", s.previousState());
        }

        ImportFinished ok = assertInstanceOf(ImportFinished.class, WebhookEvent.parse(event("import.completed",
                "{\"importId\":\"i1\",\"dryRun\":false,\"rowsRead\":10,\"rowsCreated\":8,\"rowsUpdated\":1,\"rowsSkipped\":0,\"rowsRejected\":1}")));
        assertTrue(ok.succeeded());
        assertEquals(10L, ok.rowsRead());
        assertEquals(1L, ok.rowsRejected());
        ImportFinished failed = assertInstanceOf(ImportFinished.class, WebhookEvent.parse(event("import.failed",
                "{\"importId\":\"i2\",\"failure\":\"not UTF-8\"}")));
        assertFalse(failed.succeeded());
        assertEquals("not UTF-8", failed.failure());

        EndpointDisabled d = assertInstanceOf(EndpointDisabled.class, WebhookEvent.parse(
                "{\"id\":\"e2\",\"type\":\"endpoint.disabled\",\"timestamp\":\"2026-11-22T17:00:00Z\",\"campaignId\":null,"
                        + "\"sequence\":null,\"data\":{\"endpointId\":\"w1\",\"url\":\"https://crm.example.com/hook\",\"reason\":\"410 Gone\",\"failingSince\":\"2026-11-20T10:00:00Z\"}}"));
        assertEquals("w1", d.endpointId());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), d.failingSince());
        assertNull(d.campaignId());
        assertNull(d.sequence());

        FallbackRequested f = assertInstanceOf(FallbackRequested.class, WebhookEvent.parse(event("contact.fallback_requested",
                "{\"campaignId\":\"c-1\",\"contactId\":\"k3\",\"externalId\":\"crm-3\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                        + "\"reason\":\"ATTEMPTS_EXHAUSTED\",\"lastResult\":\"NO_ANSWER\",\"phones\":[\"+447700900123\"],"
                        + "\"attributes\":{\"email\":\"ada@example.com\"}}")));
        assertEquals("crm-3", f.externalId());
        assertEquals("Ada", f.firstName());
        assertEquals(FallbackRequested.ATTEMPTS_EXHAUSTED, f.reason());
        assertEquals(List.of("+447700900123"), f.phones());
        assertEquals("ada@example.com", f.attributes().get("email").asText());

        WebhookTest t = assertInstanceOf(WebhookTest.class, WebhookEvent.parse(
                "{\"id\":\"e3\",\"type\":\"webhook.test\",\"timestamp\":\"2026-11-22T17:00:00Z\",\"data\":{\"endpointId\":\"w1\",\"message\":\"hello\"}}"));
        assertEquals("w1", t.endpointId());
        assertEquals("hello", t.message());
    }

    @Test
    void unknownTypesAndFieldsAreKept() {
        WebhookEvent e = WebhookEvent.parse(event("agent.teleported", "{\"where\":\"Mars\"}"));
        GenericEvent g = assertInstanceOf(GenericEvent.class, e);
        assertEquals("agent.teleported", g.type());
        assertEquals("Mars", g.data().get("where").asText());
        AttemptCompleted a = assertInstanceOf(AttemptCompleted.class, WebhookEvent.parse(event("attempt.completed",
                "{\"result\":\"BUSY\",\"somethingNew\":[1,2],\"ringSeconds\":\"not a number\"}")));
        assertEquals("BUSY", a.result());
        assertNull(a.ringSeconds());
        assertEquals(2, a.data().get("somethingNew").size());
        assertEquals(0, WebhookEvent.parse("{\"type\":\"x\"}").data().size());
    }

    @Test
    void rejectsWhatIsNotAnEvent() {
        assertThrows(IllegalArgumentException.class, () -> WebhookEvent.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> WebhookEvent.parse("[1]"));
        assertThrows(IllegalArgumentException.class, () -> WebhookEvent.parse("{\"id\":\"x\"}"));
    }
}
