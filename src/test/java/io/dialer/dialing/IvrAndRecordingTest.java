package io.dialer.dialing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.dialer.telephony.RecordingStore;
import io.dialer.telephony.Wav;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dialer.dialing.DialingFixtures.attempts;
import static io.dialer.dialing.DialingFixtures.awaitState;
import static io.dialer.dialing.DialingFixtures.campaign;
import static io.dialer.dialing.DialingFixtures.simulation;
import static io.dialer.dialing.DialingFixtures.start;
import static io.dialer.support.Api.json;
import static io.dialer.support.Api.upsert;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agentless surveys whose answers become business outcomes, and recorded agent calls with their retention. */
@QuarkusTest
@TestProfile(DialingOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class IvrAndRecordingTest {

    private static final Map<String, Object> ALL_WEEK = Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
            List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "09:00", "to", "20:00")));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    RecordingStore recordings;

    @Inject
    RecordingRetention retention;

    private static Map<String, Object> person(String externalId, String number, String firstName) {
        return Map.of("externalId", externalId, "timezone", "UTC", "firstName", firstName,
                "attributes", Map.of("plan", "gold"), "phones", List.of(Map.of("number", number, "type", "MOBILE")));
    }

    @Test
    void anAgentlessSurveyCampaignRecordsTheAnswersAsOutcomes() throws Exception {
        String id = campaign("AGENTLESS", Map.of("schedule", ALL_WEEK, "dialing", Map.of("maxConcurrentCalls", 5),
                "retries", Map.of("maxAttemptsPerContact", 1), "simulation", simulation(100, Map.of()),
                "ivr", Map.of("greeting", "Hello {{firstName}}, this is Acme about your {{plan}} plan.",
                        "survey", Map.of("question", "How likely are you to recommend us? Press 1 to 10.",
                                "commentPrompt", "Please leave a short comment after the tone."))));
        upsert(id, List.of(person("sevens", "+13127300010", "Ada"), person("leaver", "+13127300011", "Bob"),
                person("retrier", "+13127300012", "Cy"), person("busy", "+13127300002", "Di"))).statusCode(200);
        start(id);
        awaitState(id, "COMPLETED", 120);

        Map<String, DialingFixtures.AttemptRow> byNumber = new HashMap<>();
        attempts(id).forEach(a -> byNumber.put(a.number().substring(a.number().length() - 4), a));
        assertEquals(Set.of("0010", "0011", "0012", "0002"), byNumber.keySet());
        assertEquals("IVR_COMPLETED", byNumber.get("0010").result());
        assertEquals("IVR_ABANDONED", byNumber.get("0011").result());
        assertEquals("IVR_COMPLETED", byNumber.get("0012").result());
        assertEquals("BUSY", byNumber.get("0002").result());

        String sevens = byNumber.get("0010").id();
        json().get("/v1/calls/" + sevens).then().statusCode(200)
                .body("outcome.code", equalTo("SURVEY_COMPLETED"))
                .body("outcome.category", equalTo("SUCCESS"))
                .body("outcome.isFinal", equalTo(true))
                .body("outcome.data.answer", equalTo(7))
                .body("outcome.data.commentRecording", equalTo("/v1/calls/" + sevens + "/comment-recording"))
                .body("commentRecording", equalTo("/v1/calls/" + sevens + "/comment-recording"))
                .body("recording", nullValue());
        byte[] comment = RestAssured.given().get("/v1/calls/" + sevens + "/comment-recording").then().statusCode(200)
                .contentType("audio/wav").extract().asByteArray();
        assertEquals(8000, Wav.parse(comment).sampleRate());
        json().get("/v1/calls/" + byNumber.get("0012").id()).then().body("outcome.data.answer", equalTo(3));
        json().get("/v1/calls/" + byNumber.get("0011").id()).then().body("outcome", nullValue());
        Api.isProblem(RestAssured.given().get("/v1/calls/" + byNumber.get("0011").id() + "/comment-recording").then(), 404);

        List<JsonNode> outcomes = events(id, "outcome.recorded");
        assertEquals(2, outcomes.size(), "one outcome per valid answer: " + outcomes);
        Map<String, Integer> answers = new HashMap<>();
        for (JsonNode o : outcomes) {
            assertEquals("IVR", o.path("source").asText());
            assertEquals("SURVEY_COMPLETED", o.path("code").asText());
            answers.put(o.path("contactExternalId").asText(), o.path("data").path("answer").asInt());
        }
        assertEquals(Map.of("sevens", 7, "retrier", 3), answers);
        for (JsonNode completed : events(id, "attempt.completed")) {
            assertTrue(completed.path("recording").isNull(), "agentless calls are not recorded: " + completed);
        }
        json().get("/v1/campaigns/" + id + "/contacts").then().statusCode(200);
    }

    @Test
    void theDefaultGreetingIsDeliveredWithoutIvrSettings() throws Exception {
        String id = campaign("AGENTLESS", Map.of("schedule", ALL_WEEK, "retries", Map.of("maxAttemptsPerContact", 1),
                "simulation", simulation(100, Map.of())));
        upsert(id, List.of(person("g1", "+13127310010", "Ada"))).statusCode(200);
        start(id);
        awaitState(id, "COMPLETED", 60);
        List<DialingFixtures.AttemptRow> rows = attempts(id);
        assertEquals("AGENTLESS_DELIVERED", rows.get(0).result(), "a greeting-only call, no survey: " + rows);
        json().get("/v1/calls/" + rows.get(0).id()).then().body("outcome", nullValue());
    }

    @Test
    void recordedAgentCallsAreServedToTheirTenantAndDeletedAfterTheRetentionPeriod() throws Exception {
        String id = campaign("PROGRESSIVE", Map.of("schedule", ALL_WEEK, "retries", Map.of("maxAttemptsPerContact", 1),
                "simulation", simulation(100, Map.of("talkSeconds", Map.of("mean", 20, "cv", 0.2))),
                "recording", Map.of("enabled", true, "retentionDays", 7)));
        upsert(id, List.of(person("r1", "+13127320001", "Ada"), person("r2", "+13127330001", "Bob"),
                person("r3", "+13127320002", "Cy"))).statusCode(200);
        DialingFixtures.simulatedAgents(id, 2);
        start(id);
        awaitState(id, "COMPLETED", 120);

        Map<String, DialingFixtures.AttemptRow> byNumber = new HashMap<>();
        attempts(id).forEach(a -> byNumber.put(a.number().substring(a.number().length() - 4), a));
        DialingFixtures.AttemptRow first = attempts(id).stream()
                .filter(a -> a.number().equals("+13127320001")).findFirst().orElseThrow();
        DialingFixtures.AttemptRow second = attempts(id).stream()
                .filter(a -> a.number().equals("+13127330001")).findFirst().orElseThrow();
        assertEquals("CONNECTED", first.result());
        assertEquals("CONNECTED", second.result());
        for (DialingFixtures.AttemptRow connected : List.of(first, second)) {
            json().get("/v1/calls/" + connected.id()).then().statusCode(200)
                    .body("recording", equalTo("/v1/calls/" + connected.id() + "/recording"));
            byte[] wav = RestAssured.given().get("/v1/calls/" + connected.id() + "/recording").then().statusCode(200)
                    .contentType("audio/wav").extract().asByteArray();
            Wav.Pcm pcm = Wav.parse(wav);
            assertEquals(8000, pcm.sampleRate());
            assertTrue(pcm.seconds() > 0 && pcm.seconds() <= 3, "a short simulated recording: " + pcm.seconds());
        }
        Map<String, String> named = new HashMap<>();
        for (JsonNode completed : events(id, "attempt.completed")) {
            named.put(completed.path("attemptId").asText(), completed.path("recording").isNull() ? null
                    : completed.path("recording").asText());
        }
        assertEquals("/v1/calls/" + first.id() + "/recording", named.get(first.id()));
        assertNull(named.get(byNumber.get("0002").id()), "a busy call has no recording");
        Api.isProblem(RestAssured.given().get("/v1/calls/" + byNumber.get("0002").id() + "/recording").then(), 404);

        // another tenant's call, with a file in the store: not this tenant's to hear
        String foreign = java.util.UUID.randomUUID().toString();
        Files.copy(recordings.path(first.id()), recordings.path(foreign));
        DialingFixtures.execute("INSERT INTO attempt (id, tenant, campaign_id, contact_id, phone_index, number, mode, state, "
                + "result, owner, epoch, placed_at, ended_at, recording, recorded_at) VALUES (?::uuid, 'another-tenant', "
                + "gen_random_uuid(), gen_random_uuid(), 0, '+13125550100', 'PROGRESSIVE', 'ENDED', 'CONNECTED', 'x', 1, "
                + "now(), now(), ?, now())", foreign, foreign);
        Api.isProblem(RestAssured.given().get("/v1/calls/" + foreign + "/recording").then(), 404);
        Api.isProblem(json().get("/v1/calls/" + foreign).then(), 404);

        // 8 days old with a 7-day retention: deleted; 6 days old: kept
        DialingFixtures.execute("UPDATE attempt SET recorded_at = now() - interval '8 days' WHERE id = ?::uuid", first.id());
        DialingFixtures.execute("UPDATE attempt SET recorded_at = now() - interval '6 days' WHERE id = ?::uuid", second.id());
        assertTrue(retention.purge() >= 1);
        assertFalse(Files.exists(recordings.path(first.id())), "the file is deleted");
        json().get("/v1/calls/" + first.id()).then().statusCode(200).body("recording", nullValue());
        Api.isProblem(RestAssured.given().get("/v1/calls/" + first.id() + "/recording").then(), 404);
        assertTrue(Files.exists(recordings.path(second.id())), "within the retention period");
        RestAssured.given().get("/v1/calls/" + second.id() + "/recording").then().statusCode(200);
        assertEquals(0, retention.purge(), "nothing left to delete");
        assertNotNull(recordings.find(foreign).orElse(null));
    }

    /** Two replicas purging at once: every due recording is deleted by exactly one of them. */
    @Test
    void twoRetentionJobsAtOnceShareTheWork() throws Exception {
        long dueBefore = DialingFixtures.count("SELECT count(*) FROM attempt a LEFT JOIN campaign c ON c.id = a.campaign_id "
                + "WHERE (a.recording IS NOT NULL OR a.comment_recording IS NOT NULL) AND a.recorded_at < now() - "
                + "make_interval(days => COALESCE((c.config -> 'recording' ->> 'retentionDays')::int, 30)) "
                + "AND a.tenant <> ?", "no-such-tenant");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = java.util.UUID.randomUUID().toString();
            ids.add(id);
            recordings.write(id, Wav.synthetic(0.5, i));
            recordings.write(RecordingStore.commentRecording(id), Wav.synthetic(0.5, i));
            // a campaign that no longer exists: the default retention of 30 days applies
            DialingFixtures.execute("INSERT INTO attempt (id, tenant, campaign_id, contact_id, phone_index, number, mode, "
                    + "state, result, owner, epoch, placed_at, ended_at, recording, comment_recording, recorded_at) "
                    + "VALUES (?::uuid, 'default', gen_random_uuid(), gen_random_uuid(), 0, '+13125550100', 'AGENTLESS', "
                    + "'ENDED', 'IVR_COMPLETED', 'x', 1, now(), now(), ?, ?, now() - interval '31 days')",
                    id, id, RecordingStore.commentRecording(id));
        }
        java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Integer> a = replicas.submit(retention::purge);
            java.util.concurrent.Future<Integer> b = replicas.submit(retention::purge);
            assertEquals(dueBefore + ids.size(), a.get() + b.get(), "each due call handled once: " + a.get() + " + " + b.get());
        } finally {
            replicas.shutdownNow();
        }
        for (String id : ids) {
            assertFalse(Files.exists(recordings.path(id)));
            assertFalse(Files.exists(recordings.path(RecordingStore.commentRecording(id))));
        }
        assertEquals(0, DialingFixtures.count("SELECT count(*) FROM attempt WHERE id = ANY (?::uuid[]) "
                + "AND (recording IS NOT NULL OR comment_recording IS NOT NULL OR recorded_at IS NOT NULL)",
                "{" + String.join(",", ids) + "}"));
    }

    private static List<JsonNode> events(String campaignId, String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT data::text FROM event WHERE campaign_id = ?::uuid AND type = ? ORDER BY sequence")) {
            ps.setString(1, campaignId);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(MAPPER.readTree(rs.getString(1)));
                }
            }
        }
        return out;
    }
}
