package io.dialer.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.dialer.platform.Ids;
import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dialer.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent event stream (SSE): live events, the initial state, Last-Event-ID replay, events that commit out of order. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AgentEventsTest {

    private static final String TENANT = "default";

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgentService agents;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AgentEventStreams streams;

    private SseClient open(String agentId, String lastEventId) throws Exception {
        SseClient client = SseClient.open(URI.create(base.toString()), "v1/agents/" + agentId + "/events", lastEventId, null);
        assertEquals(200, client.status, client.body);
        assertTrue(client.contentType.startsWith("text/event-stream"), client.contentType);
        return client;
    }

    private JsonNode data(SseClient.Event e) throws Exception {
        return mapper.readTree(e.data());
    }

    @Test
    void startsWithTheStateThenFollowsChangesAndPublishedEvents() throws Exception {
        String campaign = Api.createCampaign(Api.unique("sse"));
        String id = AgentApiTest.createAgent("Stream", campaign);
        try (SseClient sse = open(id, null)) {
            SseClient.Event initial = sse.next("state");
            assertEquals("LOGGED_OUT", data(initial).get("state").asText());

            json().body(Map.of("state", "READY")).put("/v1/agents/" + id + "/state").then().statusCode(200);
            SseClient.Event ready = sse.next("state");
            assertEquals("READY", data(ready).get("state").asText());
            assertTrue(Long.parseLong(ready.id()) > Long.parseLong(initial.id()));

            String attempt = Ids.newId().toString();
            assertTrue(agents.move(TENANT, id, AgentState.READY, AgentState.RESERVED, attempt, campaign));
            SseClient.Event reserved = sse.next("state");
            assertEquals("RESERVED", data(reserved).get("state").asText());
            assertEquals(attempt, data(reserved).get("currentCallId").asText());
            assertEquals(campaign, data(reserved).get("currentCampaignId").asText());

            agents.publish(TENANT, id, "offer", Map.of("attemptId", attempt, "contact", Map.of("firstName", "Ann")));
            SseClient.Event offer = sse.next("offer");
            assertEquals("Ann", data(offer).at("/contact/firstName").asText());
            assertEquals(attempt, data(offer).get("attemptId").asText());

            agents.publish(TENANT, id, "connected", null);
            assertEquals("{}", sse.next("connected").data());
            agents.publish("other-tenant", id, "offer", Map.of("x", 1)); // not this tenant's agent: nothing stored
            agents.publish(TENANT, id, "ended", Map.of("multi", "line\nvalue"));
            SseClient.Event ended = sse.next("ended");
            assertEquals("line\nvalue", data(ended).get("multi").asText());

            json().body(Map.of("state", "PAUSED", "reason", "lunch")).put("/v1/agents/" + id + "/state").then().statusCode(409);
            assertNull(sse.poll(500), "a refused change records nothing");
            // the wire format: only the standard fields, one JSON document per event
            for (String line : sse.lines) {
                assertTrue(line.isEmpty() || line.matches("^(id|event|data|retry):.*|^:.*"), "unexpected line: " + line);
            }
            assertTrue(sse.lines.contains("event:offer"), String.join("\n", sse.lines));
        }
    }

    @Test
    void lastEventIdReplaysWhatWasMissed() throws Exception {
        String id = AgentApiTest.createAgent("Replay");
        String afterReady;
        try (SseClient sse = open(id, null)) {
            sse.next("state");
            json().body(Map.of("state", "READY")).put("/v1/agents/" + id + "/state").then().statusCode(200);
            afterReady = sse.next("state").id();
            agents.publish(TENANT, id, "offer", Map.of("n", 1));
            assertEquals(1, data(sse.next("offer")).get("n").asInt());
        }
        // while disconnected
        agents.publish(TENANT, id, "offer", Map.of("n", 2));
        json().body(Map.of("state", "PAUSED", "reason", "break")).put("/v1/agents/" + id + "/state").then().statusCode(200);

        try (SseClient sse = open(id, afterReady)) {
            SseClient.Event first = sse.next("offer");
            assertEquals(1, data(first).get("n").asInt());
            SseClient.Event second = sse.next("offer");
            assertEquals(2, data(second).get("n").asInt());
            SseClient.Event paused = sse.next("state");
            assertEquals("PAUSED", data(paused).get("state").asText());
            assertEquals("break", data(paused).get("reason").asText());
            assertTrue(Long.parseLong(first.id()) < Long.parseLong(second.id()));
            assertTrue(Long.parseLong(second.id()) < Long.parseLong(paused.id()));
            // then live
            agents.publish(TENANT, id, "offer", Map.of("n", 3));
            assertEquals(3, data(sse.next("offer")).get("n").asInt());
            assertNull(sse.poll(400), "nothing is sent twice");

            // reconnecting with the id of the newest event replays nothing
            String last = paused.id();
            try (SseClient again = open(id, last)) {
                assertEquals(3, data(again.next("offer")).get("n").asInt());
                assertNull(again.poll(400));
            }
        }
    }

    @Test
    void theInitialStateCarriesTheIdToResumeFrom() throws Exception {
        String id = AgentApiTest.createAgent("Resume");
        json().body(Map.of("state", "READY")).put("/v1/agents/" + id + "/state").then().statusCode(200);
        String resumeFrom;
        try (SseClient sse = open(id, null)) {
            SseClient.Event initial = sse.next("state");
            assertEquals("READY", data(initial).get("state").asText());
            resumeFrom = initial.id();
            assertNull(sse.poll(300), "past events are not replayed without Last-Event-ID");
        }
        agents.publish(TENANT, id, "offer", Map.of("n", 9));
        try (SseClient sse = open(id, resumeFrom)) {
            assertEquals(9, data(sse.next("offer")).get("n").asInt());
        }
    }

    @Test
    void eventsCommittedOutOfIdOrderAreStillDelivered() throws Exception {
        String id = AgentApiTest.createAgent("Late");
        try (SseClient sse = open(id, null); Connection slow = dataSource.getConnection()) {
            sse.next("state");
            slow.setAutoCommit(false);
            try (PreparedStatement ps = slow.prepareStatement("INSERT INTO agent_event (tenant, agent_id, type, data) "
                    + "VALUES (?, ?, 'offer', '{\"n\": 1}'::jsonb)")) {
                ps.setString(1, TENANT);
                ps.setObject(2, UUID.fromString(id));
                ps.executeUpdate(); // takes the lower id, commits later
            }
            agents.publish(TENANT, id, "offer", Map.of("n", 2));
            SseClient.Event second = sse.next("offer");
            assertEquals(2, data(second).get("n").asInt(), "the poller moves on after holding back briefly");
            Thread.sleep(500);
            slow.commit();
            SseClient.Event first = sse.next("offer");
            assertEquals(1, data(first).get("n").asInt());
            assertTrue(Long.parseLong(first.id()) < Long.parseLong(second.id()));
        }
    }

    @Test
    void shortTransactionsCommittingOutOfOrderStayInOrder() throws Exception {
        String id = AgentApiTest.createAgent("Order");
        try (SseClient sse = open(id, null); Connection slow = dataSource.getConnection()) {
            sse.next("state");
            slow.setAutoCommit(false);
            try (PreparedStatement ps = slow.prepareStatement("INSERT INTO agent_event (tenant, agent_id, type, data) "
                    + "VALUES (?, ?, 'offer', '{\"n\": 1}'::jsonb)")) {
                ps.setString(1, TENANT);
                ps.setObject(2, UUID.fromString(id));
                ps.executeUpdate();
            }
            agents.publish(TENANT, id, "offer", Map.of("n", 2));
            streams.tick(); // the poller sees the hole, and holds back
            slow.commit();  // well within the hold-back
            assertEquals(1, data(sse.next("offer")).get("n").asInt());
            assertEquals(2, data(sse.next("offer")).get("n").asInt());
        }
    }

    @Test
    void manyStreamsShareOnePoller() throws Exception {
        List<String> ids = List.of(AgentApiTest.createAgent("S1"), AgentApiTest.createAgent("S2"), AgentApiTest.createAgent("S3"));
        List<SseClient> clients = new java.util.ArrayList<>();
        try {
            for (String id : ids) {
                SseClient c = open(id, null);
                c.next("state");
                clients.add(c);
                clients.add(open(id, null)); // a second desktop on the same agent
                clients.get(clients.size() - 1).next("state");
            }
            for (String id : ids) {
                agents.publish(TENANT, id, "offer", Map.of("agent", id));
            }
            for (int i = 0; i < clients.size(); i++) {
                SseClient.Event e = clients.get(i).next("offer");
                assertEquals(ids.get(i / 2), data(e).get("agent").asText(), "each stream gets only its agent's events");
                assertNull(clients.get(i).poll(100));
            }
        } finally {
            for (SseClient c : clients) {
                c.close();
            }
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (streams.openStreams() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, streams.openStreams(), "closed connections leave the poller");
    }

    @Test
    void deletingTheAgentEndsItsStream() throws Exception {
        String id = AgentApiTest.createAgent("Bye");
        try (SseClient sse = open(id, null)) {
            sse.next("state");
            json().delete("/v1/agents/" + id).then().statusCode(204);
            assertEquals(id, data(sse.next("deleted")).get("id").asText());
            assertEquals("<end>", sse.next().type());
        }
    }

    @Test
    void unknownAgentsAndBadLastEventIdsAreProblems() throws Exception {
        try (SseClient sse = SseClient.open(URI.create(base.toString()),
                "v1/agents/0190a3c4-0000-7000-8000-000000000000/events", null, null)) {
            assertEquals(404, sse.status);
            assertTrue(sse.contentType.startsWith("application/problem+json"), sse.contentType);
        }
        String id = AgentApiTest.createAgent("Bad header");
        try (SseClient sse = SseClient.open(URI.create(base.toString()), "v1/agents/" + id + "/events", "yesterday", null)) {
            assertEquals(422, sse.status);
            assertTrue(sse.body.contains("Last-Event-ID"), sse.body);
        }
    }
}
