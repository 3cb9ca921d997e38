package io.dialer.client.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Standard Webhooks verification against fixed vectors (computed independently with openssl). */
class WebhooksTest {

    // The Standard Webhooks / Svix reference vector.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // A Dialer-shaped vector: secret of 32 bytes 0x01, signed with `openssl dgst -sha256 -mac HMAC`.
    private static final String SECRET = "whsec_AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
    private static final String ID = "msg_2Kw";
    private static final long TIMESTAMP = 1795366800L; // 2026-11-22T17:00:00Z
    private static final String BODY = "{\"id\":\"01a2-evt\",\"type\":\"attempt.completed\",\"timestamp\":\"2026-11-22T17:00:00Z\","
            + "\"campaignId\":\"c-1\",\"sequence\":42,\"data\":{\"attemptId\":\"a-1\",\"contactExternalId\":\"crm-7\","
            + "\"result\":\"NO_ANSWER\",\"number\":\"+447700900123\",\"ringSeconds\":25.0,\"placedAt\":\"2026-11-22T16:59:30Z\","
            + "\"callback\":false}}";
    private static final String SIGNATURE = "v1,A01t/9n5CVn/WsC+gkaMn+UeVY7WVNzA0aBVte3uuhg=";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static Clock at(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    private static Map<String, String> headers(String id, long timestamp, String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("webhook-id", id);
        h.put("webhook-timestamp", String.valueOf(timestamp));
        h.put("webhook-signature", signature);
        return h;
    }

    @Test
    void signsLikeTheSpecification() {
        assertEquals(SPEC_SIGNATURE, Webhooks.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SECRET));
        assertEquals(SIGNATURE, Webhooks.sign(ID, TIMESTAMP, BODY, SECRET));
    }

    @Test
    void specVectorVerifiesButIsNotADialerEvent() {
        WebhookVerificationException e = assertThrows(WebhookVerificationException.class, () -> Webhooks.verify(
                SPEC_BODY, headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE), SPEC_SECRET, TOLERANCE, at(SPEC_TIMESTAMP)));
        assertTrue(e.getMessage().startsWith("The signature is valid but the body is not a Dialer event"), e.getMessage());
    }

    @Test
    void verifiesAndParsesAGenuineDelivery() throws Exception {
        WebhookEvent event = Webhooks.verify(BODY, headers(ID, TIMESTAMP, SIGNATURE), SECRET, TOLERANCE, at(TIMESTAMP + 30));
        AttemptCompleted a = assertInstanceOf(AttemptCompleted.class, event);
        assertEquals("01a2-evt", a.id());
        assertEquals("attempt.completed", a.type());
        assertEquals(Instant.parse("2026-11-22T17:00:00Z"), a.timestamp());
        assertEquals("c-1", a.campaignId());
        assertEquals(42L, a.sequence());
        assertEquals("a-1", a.attemptId());
        assertEquals("crm-7", a.contactExternalId());
        assertEquals("NO_ANSWER", a.result());
        assertEquals("+447700900123", a.number());
        assertEquals(25.0, a.ringSeconds());
        assertEquals(Instant.parse("2026-11-22T16:59:30Z"), a.placedAt());
        assertEquals(Boolean.FALSE, a.callback());
        assertEquals(null, a.answeredAt());
        assertEquals(null, a.talkSeconds());
    }

    @Test
    void headerNamesAreCaseInsensitiveAndMultiValuedHeadersWork() throws Exception {
        Map<String, String> h = new HashMap<>();
        h.put("Webhook-Id", ID);
        h.put("WEBHOOK-TIMESTAMP", String.valueOf(TIMESTAMP));
        h.put("Webhook-Signature", SIGNATURE);
        Webhooks.verify(BODY, h, SECRET, TOLERANCE, at(TIMESTAMP));
        Map<String, String> single = Webhooks.singleValued(Map.of("Webhook-Id", List.of(ID),
                "Webhook-Timestamp", List.of(String.valueOf(TIMESTAMP)),
                "Webhook-Signature", List.of("v1,AAAA", SIGNATURE)));
        Webhooks.verify(BODY, single, SECRET, TOLERANCE, at(TIMESTAMP));
    }

    @Test
    void tamperedBodyFails() {
        String tampered = BODY.replace("NO_ANSWER", "CONNECTED");
        WebhookVerificationException e = assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(tampered, headers(ID, TIMESTAMP, SIGNATURE), SECRET, TOLERANCE, at(TIMESTAMP)));
        assertTrue(e.getMessage().startsWith("No webhook signature matches"), e.getMessage());
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY + " ", headers(ID, TIMESTAMP, SIGNATURE), SECRET, TOLERANCE, at(TIMESTAMP)));
        // the id and timestamp are signed too
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY, headers("msg_other", TIMESTAMP, SIGNATURE), SECRET, TOLERANCE, at(TIMESTAMP)));
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY, headers(ID, TIMESTAMP + 1, SIGNATURE), SECRET, TOLERANCE, at(TIMESTAMP)));
    }

    @Test
    void wrongSecretFails() {
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY, headers(ID, TIMESTAMP, SIGNATURE), other, TOLERANCE, at(TIMESTAMP)));
        WebhookVerificationException e = assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY, headers(ID, TIMESTAMP, SIGNATURE), "whsec_***", TOLERANCE, at(TIMESTAMP)));
        assertTrue(e.getMessage().contains("not whsec_ followed by base64"), e.getMessage());
    }

    @Test
    void timestampsOutsideTheToleranceFailBothWays() throws Exception {
        Map<String, String> h = headers(ID, TIMESTAMP, SIGNATURE);
        WebhookVerificationException old = assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY, h, SECRET, TOLERANCE, at(TIMESTAMP + 301)));
        assertTrue(old.getMessage().contains("too old"), old.getMessage());
        WebhookVerificationException future = assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY, h, SECRET, TOLERANCE, at(TIMESTAMP - 301)));
        assertTrue(future.getMessage().contains("in the future"), future.getMessage());
        Webhooks.verify(BODY, h, SECRET, TOLERANCE, at(TIMESTAMP + 300));
        Webhooks.verify(BODY, h, SECRET, TOLERANCE, at(TIMESTAMP - 300));
        Map<String, String> notANumber = headers(ID, TIMESTAMP, SIGNATURE);
        notANumber.put("webhook-timestamp", "2026-11-22T17:00:00Z");
        assertThrows(WebhookVerificationException.class, () -> Webhooks.verify(BODY, notANumber, SECRET, TOLERANCE, at(TIMESTAMP)));
    }

    @Test
    void duringRotationEitherSignatureWins() throws Exception {
        String oldSecret = "whsec_" + Base64.getEncoder().encodeToString("the previous secret, 32 bytes!!!".getBytes());
        String both = Webhooks.sign(ID, TIMESTAMP, BODY, oldSecret) + " " + SIGNATURE;
        Webhooks.verify(BODY, headers(ID, TIMESTAMP, both), SECRET, TOLERANCE, at(TIMESTAMP));
        Webhooks.verify(BODY, headers(ID, TIMESTAMP, both), oldSecret, TOLERANCE, at(TIMESTAMP));
        String reversed = SIGNATURE + " " + Webhooks.sign(ID, TIMESTAMP, BODY, oldSecret);
        Webhooks.verify(BODY, headers(ID, TIMESTAMP, reversed), oldSecret, TOLERANCE, at(TIMESTAMP));
        // other schemes and garbage entries are skipped, not fatal
        Webhooks.verify(BODY, headers(ID, TIMESTAMP, "v1a,bm90IG91cnM= v1,%%% " + SIGNATURE), SECRET, TOLERANCE, at(TIMESTAMP));
        String third = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY, headers(ID, TIMESTAMP, both), third, TOLERANCE, at(TIMESTAMP)));
    }

    @Test
    void missingOrForeignHeadersFail() {
        for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            Map<String, String> h = headers(ID, TIMESTAMP, SIGNATURE);
            h.remove(header);
            WebhookVerificationException e = assertThrows(WebhookVerificationException.class,
                    () -> Webhooks.verify(BODY, h, SECRET, TOLERANCE, at(TIMESTAMP)));
            assertEquals("The " + header + " header is missing", e.getMessage());
        }
        WebhookVerificationException e = assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(BODY, headers(ID, TIMESTAMP, "v1a,bm90IG91cnM="), SECRET, TOLERANCE, at(TIMESTAMP)));
        assertEquals("The webhook-signature header has no v1 signature", e.getMessage());
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(null, headers(ID, TIMESTAMP, SIGNATURE), SECRET, TOLERANCE, at(TIMESTAMP)));
    }
}
