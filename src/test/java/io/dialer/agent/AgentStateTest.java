package io.dialer.agent;

import io.dialer.platform.Ids;
import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent state machine: what clients may set, what only the dialer sets, and the dialer's conditional move. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AgentStateTest {

    private static final String TENANT = "default";

    @Inject
    AgentService agents;

    private static ValidatableResponse setState(String id, String state, String reason) {
        Map<String, Object> body = reason == null ? Map.of("state", state) : Map.of("state", state, "reason", reason);
        return json().body(body).put("/v1/agents/" + id + "/state").then();
    }

    @Test
    void clientsMoveBetweenLoggedOutReadyAndPaused() {
        String id = AgentApiTest.createAgent("Grace");
        setState(id, "READY", null).statusCode(200).body("state", equalTo("READY")).body("stateReason", nullValue());
        setState(id, "PAUSED", "lunch").statusCode(200).body("state", equalTo("PAUSED")).body("stateReason", equalTo("lunch"));
        setState(id, "PAUSED", "training").statusCode(200).body("stateReason", equalTo("training"));
        setState(id, "LOGGED_OUT", null).statusCode(200).body("state", equalTo("LOGGED_OUT")).body("stateReason", nullValue());
        setState(id, "PAUSED", "meeting").statusCode(200).body("state", equalTo("PAUSED"));
        setState(id, "READY", null).statusCode(200).body("state", equalTo("READY"));
        String since = json().get("/v1/agents/" + id).then().extract().path("stateSince");
        setState(id, "READY", null).statusCode(200).body("stateSince", equalTo(since)); // no change, no new stateSince
    }

    @Test
    void pausedNeedsAReasonAndDialerStatesAreRefused() {
        String id = AgentApiTest.createAgent("Heidi");
        ValidatableResponse r = setState(id, "PAUSED", null);
        Api.isProblem(r, 422);
        r.body("errors.field", equalTo(List.of("reason"))).body("errors[0].code", equalTo("required"));
        Api.isProblem(setState(id, "PAUSED", "   ").body("errors[0].field", equalTo("reason")), 422);
        for (String dialerOnly : List.of("RESERVED", "ON_CALL", "WRAP_UP")) {
            Api.isProblem(setState(id, dialerOnly, null).body("errors[0].field", equalTo("state"))
                    .body("errors[0].code", equalTo("dialer_only")), 422);
        }
        Api.isProblem(setState(id, "ASLEEP", "x".repeat(201))
                .body("errors.field", containsInAnyOrder("state", "reason")), 422);
        Api.isProblem(json().body(Map.of()).put("/v1/agents/" + id + "/state").then()
                .body("errors[0].field", equalTo("state")).body("errors[0].code", equalTo("required")), 422);
        Api.isProblem(json().body(Map.of("state", "READY", "mood", "happy")).put("/v1/agents/" + id + "/state").then(), 400);
        Api.isProblem(json().body("").put("/v1/agents/" + id + "/state").then(), 400);
        Api.isProblem(setState("0190a3c4-0000-7000-8000-000000000000", "READY", null), 404);
        json().get("/v1/agents/" + id).then().body("state", equalTo("LOGGED_OUT"));
    }

    @Test
    void anAgentOnACallCannotBeMovedOrDeletedByClients() {
        String campaign = Api.createCampaign(Api.unique("calls"));
        String id = AgentApiTest.createAgent("Ivan", campaign);
        setState(id, "READY", null).statusCode(200);
        String attempt = Ids.newId().toString();

        assertTrue(agents.move(TENANT, id, AgentState.READY, AgentState.RESERVED, attempt, campaign));
        json().get("/v1/agents/" + id).then().body("state", equalTo("RESERVED"))
                .body("currentCallId", equalTo(attempt)).body("currentCampaignId", equalTo(campaign));
        for (String target : List.of("READY", "LOGGED_OUT")) {
            Api.isProblem(setState(id, target, null).body("type", equalTo("https://dialer.io/problems/agent-on-call")), 409);
        }
        Api.isProblem(setState(id, "PAUSED", "break"), 409);
        Api.isProblem(json().delete("/v1/agents/" + id).then(), 409);

        assertTrue(agents.move(TENANT, id, AgentState.RESERVED, AgentState.ON_CALL, attempt, campaign));
        Api.isProblem(setState(id, "READY", null), 409);
        Api.isProblem(json().delete("/v1/agents/" + id).then(), 409);

        assertTrue(agents.move(TENANT, id, AgentState.ON_CALL, AgentState.WRAP_UP, attempt, campaign));
        json().get("/v1/agents/" + id).then().body("state", equalTo("WRAP_UP")).body("currentCallId", equalTo(attempt));
        // the agent finishes its after-call work
        setState(id, "READY", null).statusCode(200).body("state", equalTo("READY"))
                .body("currentCallId", nullValue()).body("currentCampaignId", nullValue());

        assertTrue(agents.move(TENANT, id, AgentState.READY, AgentState.RESERVED, attempt, campaign));
        assertTrue(agents.move(TENANT, id, AgentState.RESERVED, AgentState.ON_CALL, attempt, campaign));
        assertTrue(agents.move(TENANT, id, AgentState.ON_CALL, AgentState.WRAP_UP, attempt, campaign));
        setState(id, "PAUSED", "coffee").statusCode(200).body("state", equalTo("PAUSED"));
        json().delete("/v1/agents/" + id).then().statusCode(204);
    }

    @Test
    void moveOnlyHappensFromTheExpectedState() {
        String campaign = Api.createCampaign(Api.unique("moves"));
        String id = AgentApiTest.createAgent("Judy", campaign);
        String attempt = Ids.newId().toString();

        assertFalse(agents.move(TENANT, id, AgentState.READY, AgentState.RESERVED, attempt, campaign), "agent is LOGGED_OUT");
        assertEquals(AgentState.LOGGED_OUT, agents.find(TENANT, id).orElseThrow().state());
        setState(id, "READY", null).statusCode(200);
        assertFalse(agents.move("other-tenant", id, AgentState.READY, AgentState.RESERVED, attempt, campaign));
        assertFalse(agents.move(TENANT, "not-an-id", AgentState.READY, AgentState.RESERVED, attempt, campaign));
        assertFalse(agents.move(TENANT, Ids.newId().toString(), AgentState.READY, AgentState.RESERVED, attempt, campaign));

        assertTrue(agents.move(TENANT, id, AgentState.READY, AgentState.RESERVED, attempt, campaign));
        assertFalse(agents.move(TENANT, id, AgentState.READY, AgentState.RESERVED, Ids.newId().toString(), campaign),
                "a second reservation must fail");
        Agent reserved = agents.find(TENANT, id).orElseThrow();
        assertEquals(AgentState.RESERVED, reserved.state());
        assertEquals(attempt, reserved.attemptId());
        assertEquals(campaign, reserved.campaignId());

        // the call was not answered: release the agent, clearing the call
        assertTrue(agents.move(TENANT, id, AgentState.RESERVED, AgentState.READY, null, null));
        Agent ready = agents.find(TENANT, id).orElseThrow();
        assertEquals(AgentState.READY, ready.state());
        assertNull(ready.attemptId());
        assertNull(ready.campaignId());
        assertTrue(agents.find("other-tenant", id).isEmpty());
    }

    @Test
    void concurrentReservationsOfOneAgentHaveOneWinner() throws Exception {
        String campaign = Api.createCampaign(Api.unique("race"));
        String id = AgentApiTest.createAgent("Ken", campaign);
        setState(id, "READY", null).statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tries = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<Boolean>) () -> agents.move(TENANT, id, AgentState.READY, AgentState.RESERVED,
                            Ids.newId().toString(), campaign))
                    .toList();
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(tries)) {
                winners += f.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forCampaignListsAssignedAgentsThatAreLoggedIn() {
        String campaign = Api.createCampaign(Api.unique("pool"));
        String other = Api.createCampaign(Api.unique("pool"));
        String out = AgentApiTest.createAgent("Out", campaign);
        String ready = AgentApiTest.createAgent("Ready", campaign);
        String paused = AgentApiTest.createAgent("Paused", campaign, other);
        String elsewhere = AgentApiTest.createAgent("Elsewhere", other);
        setState(ready, "READY", null).statusCode(200);
        setState(paused, "PAUSED", "lunch").statusCode(200);
        setState(elsewhere, "READY", null).statusCode(200);
        String bot = json().body(Map.of("name", "Bot", "simulated", true, "campaignIds", List.of(campaign)))
                .post("/v1/agents").then().statusCode(201).extract().path("id");

        List<Agent> pool = agents.forCampaign(TENANT, campaign);
        assertEquals(java.util.Set.of(ready, paused, bot), pool.stream().map(Agent::id).collect(java.util.stream.Collectors.toSet()));
        Agent p = pool.stream().filter(a -> a.id().equals(paused)).findFirst().orElseThrow();
        assertEquals(AgentState.PAUSED, p.state());
        assertEquals("lunch", p.stateReason());
        assertEquals(java.util.Set.of(campaign, other), java.util.Set.copyOf(p.campaignIds()));
        assertTrue(pool.stream().filter(a -> a.id().equals(bot)).findFirst().orElseThrow().simulated());
        assertFalse(pool.stream().anyMatch(a -> a.id().equals(out)));
        assertTrue(agents.forCampaign("other-tenant", campaign).isEmpty());
        assertTrue(agents.forCampaign(TENANT, "nope").isEmpty());
    }
}
