package io.dialer.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.platform.Db;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.dialer.support.Api.json;
import static io.dialer.webhook.TestReceiver.await;
import static io.dialer.webhook.WebhookTests.createEndpoint;
import static io.dialer.webhook.WebhookTests.event;
import static io.dialer.webhook.WebhookTests.record;
import static io.dialer.webhook.WebhookTests.verifies;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher against a local receiver: signatures, retries, 410, redirects, Retry-After, rotation, replay, the log. */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EventLog eventLog;
    @Inject
    ObjectMapper mapper;
    @Inject
    Db db;

    private TestReceiver receiver;
    private final List<String> endpoints = new ArrayList<>();

    @BeforeEach
    void receiver() {
        receiver = new TestReceiver();
    }

    @AfterEach
    void cleanUp() {
        endpoints.forEach(WebhookTests::deleteEndpoint);
        receiver.close();
    }

    private Map<String, String> endpoint(List<String> eventTypes) {
        Map<String, String> e = createEndpoint(receiver.url(), eventTypes);
        endpoints.add(e.get("id"));
        return e;
    }

    /** How many attempts the endpoint's delivery log shows (of one event when given). */
    private static int logSize(String endpointId, String eventId) {
        var request = json().queryParam("limit", 1000);
        if (eventId != null) {
            request = request.queryParam("eventId", eventId);
        }
        List<?> items = request.get("/v1/webhook-endpoints/" + endpointId + "/deliveries").then().statusCode(200)
                .extract().path("items");
        return items.size();
    }

    private static Map<String, Object> data(int i) {
        return Map.of("contact", Map.of("externalId", "crm-" + i), "result", "NO_ANSWER");
    }

    @Test
    void eachEventArrivesOnceSignedWithTheEventAsBody() throws Exception {
        Map<String, String> e = endpoint(List.of());
        UUID campaign = UUID.randomUUID();
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(event(EventTypes.ATTEMPT_COMPLETED, campaign, data(i)));
        }
        List<UUID> ids = record(eventLog, batch);

        await("30 deliveries", WAIT, () -> receiver.delivered().keySet().containsAll(ids.stream().map(UUID::toString).toList()));
        Thread.sleep(500); // time for any duplicate to show up
        Map<String, List<TestReceiver.Received>> delivered = receiver.delivered();
        assertEquals(30, delivered.size());
        Set<Long> sequences = new HashSet<>();
        for (UUID id : ids) {
            List<TestReceiver.Received> copies = delivered.get(id.toString());
            assertEquals(1, copies.size(), "event " + id + " was delivered " + copies.size() + " times");
            TestReceiver.Received r = copies.get(0);
            assertTrue(verifies(e.get("secret"), r), "signature of " + id);
            long ts = Long.parseLong(r.timestamp());
            assertTrue(Math.abs(ts - Instant.now().getEpochSecond()) < 60);

            JsonNode body = mapper.readTree(r.body());
            assertEquals(id.toString(), body.get("id").asText());
            assertEquals(EventTypes.ATTEMPT_COMPLETED, body.get("type").asText());
            assertEquals(campaign.toString(), body.get("campaignId").asText());
            assertEquals("NO_ANSWER", body.get("data").get("result").asText());
            Instant.parse(body.get("timestamp").asText());
            sequences.add(body.get("sequence").asLong());

            byte[] tampered = new String(r.body(), StandardCharsets.UTF_8).replace("NO_ANSWER", "CONNECTED")
                    .getBytes(StandardCharsets.UTF_8);
            assertFalse(verifies(e.get("secret"), r.id(), r.timestamp(), tampered, r.signature()), "tampered body verifies");
            assertFalse(verifies(e.get("secret"), r.id(), Long.toString(ts + 1), r.body(), r.signature()), "other timestamp verifies");
        }
        assertEquals(30, sequences.size(), "each event has its own sequence number");

        json().queryParam("limit", 100).get("/v1/webhook-endpoints/" + e.get("id") + "/deliveries").then().statusCode(200)
                .body("items.size()", equalTo(30))
                .body("items[0].statusCode", equalTo(200))
                .body("items[0].eventType", equalTo(EventTypes.ATTEMPT_COMPLETED))
                .body("items[0].latencyMs", notNullValue())
                .body("items[0].error", nullValue());
        json().get("/v1/webhook-endpoints/" + e.get("id")).then().body("failingSince", nullValue());
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEveryEventExactlyOnceWhenBack() throws Exception {
        Map<String, String> e = endpoint(List.of());
        receiver.down();
        List<UUID> ids = record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1)),
                event(EventTypes.CAMPAIGN_PAUSED, null, data(2))));
        // wait until the dispatcher has failed at least twice per event, and the endpoint shows it is failing
        await("failed attempts", WAIT, () -> logSize(e.get("id"), null) >= 4);
        json().get("/v1/webhook-endpoints/" + e.get("id")).then().body("failingSince", notNullValue()).body("enabled", equalTo(true));
        json().get("/v1/webhook-endpoints/" + e.get("id") + "/deliveries").then()
                .body("items[0].statusCode", nullValue())
                .body("items[0].error", containsString("connect"));

        // half the events then fail once more with a 500 before the receiver is fully healthy
        receiver.behave((id, earlier) -> id.equals(ids.get(0).toString()) && earlier == 0
                ? TestReceiver.Reply.status(500) : TestReceiver.Reply.ok());
        receiver.up();
        await("both deliveries", WAIT, () -> receiver.delivered().size() == 2);
        Thread.sleep(1500);
        assertEquals(Set.of(ids.get(0).toString(), ids.get(1).toString()), receiver.delivered().keySet());
        receiver.delivered().values().forEach(copies -> assertEquals(1, copies.size()));
        assertEquals(2, receiver.of(ids.get(0).toString()).size(), "one 500, then the 2xx");
        assertTrue(receiver.all().stream().allMatch(r -> verifies(e.get("secret"), r)));
        json().get("/v1/webhook-endpoints/" + e.get("id")).then().body("failingSince", nullValue());
        json().queryParam("eventId", ids.get(0).toString()).get("/v1/webhook-endpoints/" + e.get("id") + "/deliveries").then()
                .body("items[0].statusCode", equalTo(200))
                .body("items[1].statusCode", equalTo(500))
                .body("items.eventId", org.hamcrest.Matchers.everyItem(equalTo(ids.get(0).toString())));
    }

    @Test
    void onlyTheSubscribedEventTypesAreSent() {
        endpoint(List.of(EventTypes.CAMPAIGN_COMPLETED));
        List<UUID> ids = record(eventLog, List.of(event(EventTypes.ATTEMPT_COMPLETED, null, data(1)),
                event(EventTypes.CAMPAIGN_COMPLETED, null, data(2))));
        await("the campaign.completed event", WAIT, () -> receiver.delivered().containsKey(ids.get(1).toString()));
        long deliveriesOfOther = db.one("SELECT count(*) FROM webhook_delivery WHERE event_id = ?", rs -> rs.getLong(1),
                ids.get(0)).orElseThrow();
        assertEquals(0, deliveriesOfOther);
        assertFalse(receiver.delivered().containsKey(ids.get(0).toString()));
    }

    @Test
    void gone410DisablesTheEndpointAndRecordsAnEvent() {
        Map<String, String> e = endpoint(List.of());
        String path = "/v1/webhook-endpoints/" + e.get("id");
        receiver.behave((id, earlier) -> TestReceiver.Reply.status(410));
        UUID id = record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1)))).get(0);
        await("the endpoint to be disabled", WAIT, () -> Boolean.FALSE.equals(json().get(path).then().extract().path("enabled")));
        json().get(path).then().body("disabledReason", containsString("410"));
        String state = db.one("SELECT state FROM webhook_delivery WHERE event_id = ?", rs -> rs.getString(1), id).orElseThrow();
        assertEquals("FAILED", state);
        json().queryParam("type", EventTypes.ENDPOINT_DISABLED).queryParam("limit", 1000).get("/v1/events").then().statusCode(200)
                .body("items.data.endpointId", hasItem(e.get("id")));

        // nothing is sent or queued while disabled; test sends are refused
        receiver.behave((i, earlier) -> TestReceiver.Reply.ok());
        UUID later = record(eventLog, List.of(event(EventTypes.CAMPAIGN_PAUSED, null, data(2)))).get(0);
        json().post(path + "/test").then().statusCode(409);
        assertEquals(0L, db.one("SELECT count(*) FROM webhook_delivery WHERE event_id = ? AND endpoint_id = ?",
                rs -> rs.getLong(1), later, UUID.fromString(e.get("id"))).orElseThrow());
        assertEquals(1, receiver.all().size());

        json().contentType("application/merge-patch+json").body(Map.of("enabled", true)).patch(path).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue()).body("failingSince", nullValue());
    }

    @Test
    void deliveriesOfADisabledEndpointWaitUntilItIsEnabledAgain() throws Exception {
        Map<String, String> e = endpoint(List.of());
        String path = "/v1/webhook-endpoints/" + e.get("id");
        receiver.behave((id, earlier) -> TestReceiver.Reply.status(500));
        UUID id = record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1)))).get(0);
        await("a failed attempt", WAIT, () -> !receiver.all().isEmpty());
        json().body(Map.of("enabled", false)).patch(path).then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", nullValue());
        receiver.behave((i, earlier) -> TestReceiver.Reply.ok());
        Thread.sleep(1500);
        int before = receiver.all().size();
        Thread.sleep(1000);
        assertEquals(before, receiver.all().size(), "nothing is sent to a disabled endpoint");
        assertFalse(receiver.delivered().containsKey(id.toString()));

        json().body(Map.of("enabled", true)).patch(path).then().statusCode(200);
        await("the waiting delivery", WAIT, () -> receiver.delivered().containsKey(id.toString()));
    }

    @Test
    void aSlowEndpointGetsNoMoreThanItsShareOfTheSlots() throws Exception {
        // max-in-flight 8, max-in-flight-per-endpoint 4 (WebhookTestProfile)
        endpoint(List.of(EventTypes.CAMPAIGN_STARTED));
        receiver.behave((id, earlier) -> new TestReceiver.Reply(200, Map.of(), Duration.ofMillis(1500)));
        try (TestReceiver fast = new TestReceiver()) {
            endpoints.add(createEndpoint(fast.url(), List.of(EventTypes.CAMPAIGN_STARTED)).get("id"));
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                batch.add(event(EventTypes.CAMPAIGN_STARTED, null, data(i)));
            }
            record(eventLog, batch);
            await("the fast endpoint's deliveries", WAIT, () -> fast.delivered().size() == 12);
            assertTrue(receiver.delivered().size() < 12, "the fast endpoint waited for the slow one");
            await("the slow endpoint's deliveries", WAIT, () -> receiver.delivered().size() == 12);
            assertTrue(receiver.maxConcurrent() <= 4, "the slow endpoint had " + receiver.maxConcurrent() + " requests at once");
        }
    }

    @Test
    void redirectsAreNotFollowed() {
        Map<String, String> e = endpoint(List.of());
        receiver.behave((id, earlier) -> new TestReceiver.Reply(302, Map.of("Location", "/elsewhere"), Duration.ZERO));
        UUID id = record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1)))).get(0);
        await("two attempts", WAIT, () -> receiver.of(id.toString()).size() >= 2);
        assertTrue(receiver.all().stream().noneMatch(r -> r.path().equals("/elsewhere")));
        json().queryParam("eventId", id.toString()).get("/v1/webhook-endpoints/" + e.get("id") + "/deliveries").then()
                .body("items[0].statusCode", equalTo(302))
                .body("items[0].error", containsString("redirects are not followed"));
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheSchedule() {
        endpoint(List.of());
        receiver.behave((id, earlier) -> earlier == 0
                ? new TestReceiver.Reply(503, Map.of("Retry-After", "2"), Duration.ZERO) : TestReceiver.Reply.ok());
        UUID id = record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1)))).get(0);
        await("the retry", WAIT, () -> receiver.delivered().containsKey(id.toString()));
        List<TestReceiver.Received> attempts = receiver.of(id.toString());
        assertEquals(2, attempts.size());
        Duration gap = Duration.between(attempts.get(0).at(), attempts.get(1).at());
        assertTrue(gap.compareTo(Duration.ofMillis(1900)) >= 0, "retried after " + gap + " despite Retry-After: 2");
    }

    @Test
    void aSlowReceiverTimesOutAndIsRetried() {
        Map<String, String> e = endpoint(List.of());
        receiver.behave((id, earlier) -> earlier == 0
                ? new TestReceiver.Reply(200, Map.of(), Duration.ofMillis(3000)) : TestReceiver.Reply.ok());
        UUID id = record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1)))).get(0);
        await("the retry", WAIT, () -> receiver.of(id.toString()).size() >= 2);
        await("the log", WAIT, () -> logSize(e.get("id"), id.toString()) >= 2);
        List<String> errors = json().queryParam("eventId", id.toString())
                .get("/v1/webhook-endpoints/" + e.get("id") + "/deliveries").then().extract().path("items.error");
        assertTrue(errors.contains("no response within 2 s"), errors.toString());
    }

    @Test
    void aReceiverThatTricklesItsAnswerCannotHoldTheSender() {
        Map<String, String> e = endpoint(List.of());
        receiver.behave((id, earlier) -> new TestReceiver.Reply(200, Map.of(), Duration.ZERO, true));
        UUID id = record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1)))).get(0);
        long start = System.nanoTime();
        await("the attempt in the log", WAIT, () -> logSize(e.get("id"), id.toString()) == 1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "the attempt took " + took + " for a 10 s answer");
        json().queryParam("eventId", id.toString()).get("/v1/webhook-endpoints/" + e.get("id") + "/deliveries").then()
                .body("items[0].statusCode", equalTo(200));
    }

    @Test
    void rotatedSecretsSignBesideTheNewOneFor24Hours() {
        Map<String, String> e = endpoint(List.of());
        String path = "/v1/webhook-endpoints/" + e.get("id");
        Map<String, Object> rotated = json().post(path + "/rotate-secret").then().statusCode(200)
                .body("previousSecretExpiresAt", notNullValue()).extract().as(Map.class);
        String newSecret = (String) rotated.get("secret");
        assertTrue(newSecret.startsWith("whsec_"));
        assertNotEquals(e.get("secret"), newSecret);
        Instant expires = Instant.parse((String) rotated.get("previousSecretExpiresAt"));
        assertTrue(Duration.between(Instant.now(), expires).compareTo(Duration.ofHours(23)) > 0);

        String eventId = json().post(path + "/test").then().statusCode(202).extract().path("eventId");
        await("the test event", WAIT, () -> receiver.delivered().containsKey(eventId));
        TestReceiver.Received r = receiver.of(eventId).get(0);
        String[] signatures = r.signature().split(" ");
        assertEquals(2, signatures.length);
        assertTrue(WebhookTests.verifies(newSecret, r.id(), r.timestamp(), r.body(), signatures[0]));
        assertTrue(WebhookTests.verifies(e.get("secret"), r.id(), r.timestamp(), r.body(), signatures[1]));
        assertFalse(WebhookTests.verifies(WebhookSigner.newSecret(), r));
    }

    @Test
    void aTestEventGoesToThatEndpointOnlyAndShowsInTheLog() throws Exception {
        Map<String, String> e = endpoint(List.of(EventTypes.ATTEMPT_COMPLETED));
        try (TestReceiver other = new TestReceiver()) {
            Map<String, String> second = createEndpoint(other.url(), List.of());
            endpoints.add(second.get("id"));
            String path = "/v1/webhook-endpoints/" + e.get("id");
            String eventId = json().post(path + "/test").then().statusCode(202).extract().path("eventId");
            await("the test event", WAIT, () -> receiver.delivered().containsKey(eventId));
            JsonNode body = mapper.readTree(receiver.of(eventId).get(0).body());
            assertEquals(EventTypes.WEBHOOK_TEST, body.get("type").asText());
            assertEquals(e.get("id"), body.get("data").get("endpointId").asText());
            assertTrue(body.get("campaignId").isNull());
            await("the log", WAIT, () -> logSize(e.get("id"), eventId) == 1);
            json().queryParam("eventId", eventId).get(path + "/deliveries").then()
                    .body("items[0].eventType", equalTo(EventTypes.WEBHOOK_TEST))
                    .body("items[0].statusCode", equalTo(200))
                    .body("items[0].attemptedAt", notNullValue());
            Thread.sleep(300);
            assertTrue(other.all().isEmpty(), "the other endpoint got the test event");
        }
    }

    @Test
    void replaySendsTheRangeAgainWithTheSameWebhookIds() {
        Map<String, String> e = endpoint(List.of());
        String path = "/v1/webhook-endpoints/" + e.get("id");
        Instant from = Instant.now().minusSeconds(1);
        List<UUID> ids = record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1)),
                event(EventTypes.IMPORT_COMPLETED, null, data(2))));
        await("first deliveries", WAIT, () -> receiver.delivered().size() == 2);

        json().body(Map.of("from", from.toString(), "to", Instant.now().plusSeconds(1).toString(),
                        "types", List.of(EventTypes.IMPORT_COMPLETED)))
                .post(path + "/replays").then().statusCode(202).body("count", equalTo(1));
        await("the replayed import event", WAIT, () -> receiver.delivered().get(ids.get(1).toString()).size() == 2);
        assertEquals(1, receiver.delivered().get(ids.get(0).toString()).size());

        json().body(Map.of("from", from.toString(), "to", Instant.now().plusSeconds(1).toString()))
                .post(path + "/replays").then().statusCode(202).body("count", equalTo(2));
        await("both replayed", WAIT, () -> receiver.delivered().get(ids.get(0).toString()).size() == 2
                && receiver.delivered().get(ids.get(1).toString()).size() == 3);
        assertTrue(receiver.all().stream().allMatch(r -> verifies(e.get("secret"), r)));
    }

    @Test
    void anEndpointFailingForTooLongIsDisabled() {
        Map<String, String> e = endpoint(List.of());
        String path = "/v1/webhook-endpoints/" + e.get("id");
        receiver.behave((id, earlier) -> TestReceiver.Reply.status(500));
        // as if it had been failing for four days already
        db.update("UPDATE webhook_endpoint SET failing_since = ? WHERE id = ?", Instant.now().minus(Duration.ofDays(4)),
                UUID.fromString(e.get("id")));
        record(eventLog, List.of(event(EventTypes.CAMPAIGN_STARTED, null, data(1))));
        await("the endpoint to be disabled", WAIT, () -> Boolean.FALSE.equals(json().get(path).then().extract().path("enabled")));
        json().get(path).then().body("disabledReason", containsString("3 days")).body("failingSince", notNullValue());
        json().queryParam("type", EventTypes.ENDPOINT_DISABLED).queryParam("limit", 1000).get("/v1/events").then()
                .body("items.data.endpointId", hasItem(e.get("id")));
    }

    @Test
    void aHostThatNowResolvesToAPrivateAddressIsNotSent() {
        Map<String, String> e = endpoint(List.of());
        // as if the endpoint's name had been re-pointed at the internal network after it was accepted
        db.update("UPDATE webhook_endpoint SET url = 'http://10.20.30.40:9/hooks' WHERE id = ?", UUID.fromString(e.get("id")));
        String path = "/v1/webhook-endpoints/" + e.get("id");
        String eventId = json().post(path + "/test").then().statusCode(202).extract().path("eventId");
        await("the refused attempt", WAIT, () -> logSize(e.get("id"), eventId) > 0);
        json().queryParam("eventId", eventId).get(path + "/deliveries").then()
                .body("items[0].statusCode", nullValue())
                .body("items[0].error", containsString("10.20.30.40, a private address"));
    }
}
