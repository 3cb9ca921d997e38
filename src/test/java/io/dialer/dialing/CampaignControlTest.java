package io.dialer.dialing;

import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dialer.dialing.DialingFixtures.MONDAY_NOON;
import static io.dialer.dialing.DialingFixtures.attempts;
import static io.dialer.dialing.DialingFixtures.awaitState;
import static io.dialer.dialing.DialingFixtures.campaign;
import static io.dialer.dialing.DialingFixtures.count;
import static io.dialer.dialing.DialingFixtures.execute;
import static io.dialer.dialing.DialingFixtures.simulatedAgents;
import static io.dialer.dialing.DialingFixtures.simulation;
import static io.dialer.dialing.DialingFixtures.start;
import static io.dialer.support.Api.json;
import static io.dialer.support.Api.upsert;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause, resume, stop, a PATCH while running, callbacks, and taking over a campaign from a replica that died. */
@QuarkusTest
@TestProfile(DialingOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CampaignControlTest {

    private static final Map<String, Object> ALL_WEEK = Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
            List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "09:00", "to", "20:00")));
    private static final String ATTEMPTS = "SELECT count(*) FROM attempt WHERE campaign_id = ?::uuid";

    private static List<Map<String, Object>> contacts(String prefix, int n, String lastFour) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String number = lastFour == null ? String.format("+1312%03d%04d", 500 + i / 1000, 1000 + i % 1000)
                    : String.format("+1312%03d%s", 600 + i, lastFour);
            out.add(Map.of("externalId", prefix + i, "timezone", "UTC",
                    "phones", List.of(Map.of("number", number, "type", "MOBILE"))));
        }
        return out;
    }

    @Test
    void pauseStopsNewCallsResumeContinuesStopEnds() throws Exception {
        String id = campaign("PROGRESSIVE", Map.of("schedule", ALL_WEEK, "simulation", simulation(50, Map.of())));
        upsert(id, contacts("p", 300, null)).statusCode(200);
        simulatedAgents(id, 3);
        start(id);
        awaitAttempts(id, 5);
        json().post("/v1/campaigns/" + id + "/pause").then().statusCode(200);
        Thread.sleep(1500); // calls in progress finish; nothing new starts
        long paused = count(ATTEMPTS, id);
        Thread.sleep(1500);
        assertEquals(paused, count(ATTEMPTS, id), "no new call while paused");
        assertEquals(0, count("SELECT count(*) FROM attempt WHERE campaign_id = ?::uuid AND state <> 'ENDED'", id));

        json().post("/v1/campaigns/" + id + "/resume").then().statusCode(200);
        awaitAttempts(id, paused + 3);

        json().post("/v1/campaigns/" + id + "/stop").then().statusCode(200);
        Thread.sleep(1500);
        long stopped = count(ATTEMPTS, id);
        Thread.sleep(1000);
        assertEquals(stopped, count(ATTEMPTS, id), "no new call after stop");
        assertEquals(0, count("SELECT count(*) FROM contact WHERE campaign_id = ?::uuid AND state = 'DIALING'", id));
        json().get("/v1/campaigns/" + id + "/stats").then().statusCode(200).body("state", equalTo("STOPPED"));
    }

    @Test
    void patchOfWindowsWhileRunningTakesEffectWithinSeconds() throws Exception {
        Map<String, Object> evening = Map.of("timezone", "UTC", "windows",
                List.of(Map.of("days", List.of("MON"), "from", "18:00", "to", "20:00")));
        String id = campaign("PROGRESSIVE", Map.of("schedule", evening, "simulation", simulation(5, Map.of())));
        upsert(id, contacts("w", 20, null)).statusCode(200);
        simulatedAgents(id, 2);
        start(id);
        String contactId = json().get("/v1/campaigns/" + id + "/contacts").then().extract().path("items[0].id");
        awaitNextDialAt(id, contactId, "2026-06-01T18:00:00Z");
        json().get("/v1/campaigns/" + id + "/contacts/" + contactId).then().statusCode(200)
                .body("dialability.dialable", equalTo(false))
                .body("dialability.reasons[0].code", equalTo("OUTSIDE_WINDOW"));
        assertEquals(0, count(ATTEMPTS, id));

        json().body(Map.of("schedule", Map.of("windows", List.of(Map.of("days", List.of("MON"), "from", "11:00", "to", "20:00")))))
                .contentType("application/merge-patch+json").patch("/v1/campaigns/" + id).then().statusCode(200);
        awaitAttempts(id, 1);
        json().post("/v1/campaigns/" + id + "/stop").then().statusCode(200);
    }

    @Test
    void callbackIsDialledAtItsTimeNotBefore() throws Exception {
        String id = campaign("PROGRESSIVE", Map.of("schedule", ALL_WEEK, "simulation", simulation(60, Map.of())));
        upsert(id, contacts("cb", 1, "0001")).statusCode(200);
        String contactId = json().get("/v1/campaigns/" + id + "/contacts").then().extract().path("items[0].id");
        Instant callbackAt = Instant.parse(MONDAY_NOON).plusSeconds(600);
        json().body(Map.of("at", callbackAt.toString())).put("/v1/campaigns/" + id + "/contacts/" + contactId + "/callback")
                .then().statusCode(200);
        simulatedAgents(id, 1);
        start(id);
        awaitState(id, "COMPLETED", 90);
        List<DialingFixtures.AttemptRow> rows = attempts(id);
        assertEquals(1, rows.size(), "one call: " + rows);
        assertTrue(rows.get(0).callback(), "the call honours the callback");
        assertFalse(rows.get(0).placedAt().isBefore(callbackAt), "not before the callback time: " + rows.get(0).placedAt());
        assertEquals("CONNECTED", rows.get(0).result());
    }

    @Test
    void callbackValidation() {
        String id = campaign("PROGRESSIVE", Map.of());
        upsert(id, contacts("cv", 1, null)).statusCode(200);
        String contactId = json().get("/v1/campaigns/" + id + "/contacts").then().extract().path("items[0].id");
        json().body(Map.of("phoneIndex", 3)).put("/v1/campaigns/" + id + "/contacts/" + contactId + "/callback")
                .then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItems("at", "phoneIndex"));
    }

    /**
     * A replica died with a call in flight: its lease expires, another loop takes the campaign, ends the open attempt
     * (its fate is unknown) and dials the contact again later, never twice at once.
     */
    @Test
    void aCampaignLeftByADeadReplicaIsTakenOverAndReconciled() throws Exception {
        String id = campaign("PROGRESSIVE", Map.of("schedule", ALL_WEEK, "simulation", simulation(60, Map.of())));
        upsert(id, contacts("r", 1, "0001")).statusCode(200);
        String contactId = json().get("/v1/campaigns/" + id + "/contacts").then().extract().path("items[0].id");
        Instant campaignNow = Instant.parse(MONDAY_NOON);
        execute("INSERT INTO campaign_lease (campaign_id, tenant, owner, epoch, expires_at, clock_anchor, campaign_anchor, time_scale) "
                        + "VALUES (?::uuid, 'default', 'dead-replica', 7, now() + interval '2 seconds', now(), ?::timestamptz, 60)",
                id, campaignNow.toString());
        simulatedAgents(id, 1);
        start(id);
        String attemptId = UUID.randomUUID().toString();
        execute("UPDATE contact SET state = 'DIALING' WHERE id = ?::uuid", contactId);
        execute("INSERT INTO attempt (id, tenant, campaign_id, contact_id, phone_index, number, mode, state, owner, epoch, placed_at) "
                + "VALUES (?::uuid, 'default', ?::uuid, ?::uuid, 0, '+13126000001', 'PROGRESSIVE', 'DIALING', 'dead-replica', 7, ?::timestamptz)",
                attemptId, id, contactId, campaignNow.toString());

        awaitState(id, "COMPLETED", 90);
        List<DialingFixtures.AttemptRow> rows = attempts(id);
        assertEquals(attemptId, rows.get(0).id());
        assertEquals("NETWORK_ERROR", rows.get(0).result(), "the orphaned attempt is closed");
        assertTrue(rows.size() >= 2, "the contact is dialled again: " + rows);
        for (int i = 1; i < rows.size(); i++) {
            assertFalse(rows.get(i).placedAt().isBefore(rows.get(i - 1).endedAt()), "never two calls at once: " + rows);
        }
        assertEquals("CONNECTED", rows.get(rows.size() - 1).result());
        assertEquals(0, count("SELECT count(*) FROM attempt WHERE campaign_id = ?::uuid AND state <> 'ENDED'", id));
    }

    @Test
    void contactsThatEndUnreachedAskForTheirFallbackMessage() throws Exception {
        String id = campaign("PROGRESSIVE", Map.of("schedule", ALL_WEEK, "retries", Map.of("maxAttemptsPerContact", 1),
                "fallback", Map.of("onExhausted", true), "simulation", simulation(100, Map.of())));
        List<Map<String, Object>> unreachable = contacts("fb", 3, "0003");
        List<Map<String, Object>> all = new ArrayList<>(unreachable);
        all.addAll(contacts("ok", 2, "0001"));
        upsert(id, all).statusCode(200);
        simulatedAgents(id, 2);
        start(id);
        awaitState(id, "COMPLETED", 90);
        assertEquals(3, count("SELECT count(*) FROM event WHERE campaign_id = ?::uuid AND type = 'contact.fallback_requested' "
                + "AND data->>'reason' = 'ATTEMPTS_EXHAUSTED'", id));
        assertEquals(5, count("SELECT count(*) FROM event WHERE campaign_id = ?::uuid AND type = 'contact.completed'", id));
    }

    private static void awaitAttempts(String id, long atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (count(ATTEMPTS, id) < atLeast) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("fewer than " + atLeast + " attempts after 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static void awaitNextDialAt(String id, String contactId, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        String actual = null;
        while (System.currentTimeMillis() < deadline) {
            actual = json().get("/v1/campaigns/" + id + "/contacts/" + contactId).then().extract().path("nextDialAt");
            if (expected.equals(actual)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nextDialAt " + actual + ", expected " + expected);
    }
}
