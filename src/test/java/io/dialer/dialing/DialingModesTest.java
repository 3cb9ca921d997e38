package io.dialer.dialing;

import io.dialer.support.PostgresTestResource;
import io.dialer.telephony.SimulatedCarrier;
import io.dialer.telephony.TelephonyPort;
import jakarta.inject.Inject;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dialer.dialing.DialingFixtures.attempts;
import static io.dialer.dialing.DialingFixtures.awaitState;
import static io.dialer.dialing.DialingFixtures.campaign;
import static io.dialer.dialing.DialingFixtures.count;
import static io.dialer.dialing.DialingFixtures.simulation;
import static io.dialer.dialing.DialingFixtures.start;
import static io.dialer.support.Api.json;
import static io.dialer.support.Api.upsert;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agentless calls under their concurrency cap, and preview offers that a person accepts or skips. */
@QuarkusTest
@TestProfile(DialingOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class DialingModesTest {

    @Inject
    TelephonyPort carrier;

    private static final Map<String, Object> ALL_WEEK = Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
            List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "09:00", "to", "20:00")));

    @Test
    void agentlessKeepsToItsConcurrencyCapAndDeliversMessages() throws Exception {
        String id = campaign("AGENTLESS", Map.of("schedule", ALL_WEEK, "dialing", Map.of("maxConcurrentCalls", 3),
                "retries", Map.of("maxAttemptsPerContact", 1), "simulation", simulation(100, Map.of())));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            contacts.add(Map.of("externalId", "a" + i, "timezone", "UTC",
                    "phones", List.of(Map.of("number", String.format("+1312700%04d", 1000 + i), "type", "MOBILE"))));
        }
        upsert(id, contacts).statusCode(200);
        start(id);
        awaitState(id, "COMPLETED", 120);
        List<DialingFixtures.AttemptRow> rows = attempts(id);
        assertEquals(40, rows.size());
        for (DialingFixtures.AttemptRow a : rows) {
            long concurrent = rows.stream()
                    .filter(b -> !b.placedAt().isAfter(a.placedAt()) && b.endedAt().isAfter(a.placedAt())).count();
            assertTrue(concurrent <= 3, concurrent + " calls at once at " + a.placedAt());
        }
        assertTrue(rows.stream().anyMatch(a -> a.result().equals("AGENTLESS_DELIVERED")), "messages delivered: " + rows);
    }

    @Test
    void previewOffersAreSkippedOrAcceptedByTheAgent() throws Exception {
        String id = campaign("PREVIEW", Map.of("schedule", ALL_WEEK, "dialing", Map.of("previewTimeoutSeconds", 600),
                "retries", Map.of("maxAttemptsPerContact", 2, "minGapSeconds", 60,
                        "rules", Map.of("AGENT_SKIPPED", Map.of("delaySeconds", 60))),
                "simulation", simulation(20, Map.of())));
        upsert(id, List.of(Map.of("externalId", "pv1", "timezone", "UTC", "firstName", "Ada",
                "attributes", Map.of("balance", 120),
                "phones", List.of(Map.of("number", "+13127110001", "type", "MOBILE"))))).statusCode(200);
        String agent = json().body(Map.of("name", "Grace", "campaignIds", List.of(id))).post("/v1/agents")
                .then().statusCode(201).extract().path("id");
        json().body(Map.of("state", "READY")).put("/v1/agents/" + agent + "/state").then().statusCode(200);
        start(id);

        String first = awaitOffer(id);
        json().get("/v1/agents/" + agent).then().body("state", equalTo("RESERVED"));
        json().body(Map.of("action", "MAYBE")).post("/v1/agents/" + agent + "/offers/" + first).then().statusCode(422);
        json().body(Map.of("action", "SKIP")).post("/v1/agents/" + agent + "/offers/" + first).then().statusCode(202);
        json().body(Map.of("action", "SKIP")).post("/v1/agents/" + agent + "/offers/" + first).then().statusCode(409);

        // the skipped attempt stays OFFERED until the loop has taken the decision: wait for a new one
        String second = awaitOffer(id, first);
        json().body(Map.of("action", "ACCEPT")).post("/v1/agents/" + agent + "/offers/" + second).then().statusCode(202);
        awaitAgentState(agent, "WRAP_UP");
        json().body(Map.of("state", "READY")).put("/v1/agents/" + agent + "/state").then().statusCode(200);
        awaitState(id, "COMPLETED", 60);

        List<DialingFixtures.AttemptRow> rows = attempts(id);
        assertEquals("AGENT_SKIPPED", rows.get(0).result());
        assertEquals("CONNECTED", rows.get(1).result());
        assertTrue(count("SELECT count(*) FROM agent_event WHERE agent_id = ?::uuid AND type = 'offer'", agent) >= 2);
        assertTrue(count("SELECT count(*) FROM agent_event WHERE agent_id = ?::uuid AND type = 'connected' "
                + "AND data->'contact'->>'firstName' = 'Ada' AND (data->'contact'->'attributes'->>'balance') = '120'", agent) == 1,
                "the connected event pops the contact's data");
    }

    /** A logged-in agent with a phone gets a shift line from the loop; logging out closes it. */
    @Test
    void loggedInAgentsWithAPhoneHaveTheirShiftLineUp() throws Exception {
        SimulatedCarrier simulated = (SimulatedCarrier) carrier;
        String id = campaign("PROGRESSIVE", Map.of("schedule", ALL_WEEK, "simulation", simulation(20, Map.of())));
        String agent = json().body(Map.of("name", "Lin", "campaignIds", List.of(id), "phoneUri", "sip:lin@127.0.0.1:5080"))
                .post("/v1/agents").then().statusCode(201).extract().path("id");
        start(id);
        Thread.sleep(500);
        assertFalse(simulated.agentLines().containsKey(agent), "no line while logged out");
        json().body(Map.of("state", "PAUSED", "reason", "coffee")).put("/v1/agents/" + agent + "/state").then().statusCode(200);
        awaitLine(simulated, agent, true);
        assertEquals("sip:lin@127.0.0.1:5080", simulated.agentLines().get(agent));
        json().body(Map.of("state", "LOGGED_OUT")).put("/v1/agents/" + agent + "/state").then().statusCode(200);
        awaitLine(simulated, agent, false);
        json().post("/v1/campaigns/" + id + "/stop").then().statusCode(200);
    }

    private static void awaitLine(SimulatedCarrier carrier, String agent, boolean up) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (carrier.agentLines().containsKey(agent) != up) {
            assertTrue(System.currentTimeMillis() < deadline, "agent line " + (up ? "not up" : "still up"));
            Thread.sleep(50);
        }
    }

    /** With the ledger already over the cap, a predictive campaign dials progressively: never more lines than agents. */
    @Test
    void predictiveFallsBackToProgressiveWhileTheLedgerIsOverTheCap() throws Exception {
        String id = campaign("PREDICTIVE", Map.of("schedule", ALL_WEEK, "retries", Map.of("maxAttemptsPerContact", 1),
                "simulation", simulation(100, Map.of())));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            contacts.add(Map.of("externalId", "f" + i, "timezone", "UTC",
                    "phones", List.of(Map.of("number", String.format("+1312720%04d", 1000 + i), "type", "MOBILE"))));
        }
        upsert(id, contacts).statusCode(200);
        for (int i = 0; i < 20; i++) {
            DialingFixtures.execute("INSERT INTO attempt (id, tenant, campaign_id, contact_id, phone_index, number, mode, state, "
                    + "result, owner, epoch, placed_at, ended_at) VALUES (gen_random_uuid(), 'default', ?::uuid, gen_random_uuid(), 0, "
                    + "'+13125550100', 'PREDICTIVE', 'ENDED', ?, 'earlier-shift', 1, '2026-06-01T11:00:00Z', '2026-06-01T11:01:00Z')",
                    id, i % 2 == 0 ? "ABANDONED" : "CONNECTED");
        }
        DialingFixtures.simulatedAgents(id, 4);
        start(id);
        boolean sawFallback = false;
        long deadline = System.currentTimeMillis() + 120_000;
        Map<String, Object> stats = DialingFixtures.stats(id);
        while (!"COMPLETED".equals(stats.get("state")) && System.currentTimeMillis() < deadline) {
            sawFallback |= Boolean.TRUE.equals(stats.get("capFallback"));
            Thread.sleep(100);
            stats = DialingFixtures.stats(id);
        }
        assertEquals("COMPLETED", stats.get("state"));
        assertTrue(sawFallback, "the stats show the fallback");
        List<DialingFixtures.AttemptRow> rows = attempts(id);
        for (DialingFixtures.AttemptRow a : rows) {
            long concurrent = rows.stream()
                    .filter(b -> !b.placedAt().isAfter(a.placedAt()) && b.endedAt().isAfter(a.placedAt())).count();
            assertTrue(concurrent <= 4, concurrent + " calls at once for 4 agents while over the cap: " + rows.stream()
                    .filter(b -> !b.placedAt().isAfter(a.placedAt()) && b.endedAt().isAfter(a.placedAt())).toList());
        }
    }

    private static String awaitOffer(String campaignId, String... notThese) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (DialingFixtures.AttemptRow a : attempts(campaignId)) {
                if (a.state().equals("OFFERED") && !List.of(notThese).contains(a.id())) {
                    return a.id();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no offer within 30 s");
    }

    private static void awaitAgentState(String agent, String state) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (state.equals(json().get("/v1/agents/" + agent).then().extract().path("state"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("agent not " + state + " within 30 s");
    }
}
