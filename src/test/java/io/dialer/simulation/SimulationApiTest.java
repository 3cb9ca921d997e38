package io.dialer.simulation;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SimulationApiTest {

    /** A scenario that runs in well under a second. */
    static Map<String, Object> tiny() {
        Map<String, Object> body = new HashMap<>();
        body.put("agents", 2);
        body.put("shiftSeconds", 900);
        body.put("warmupSeconds", 60);
        body.put("seeds", 1);
        body.put("algorithms", List.of("PROGRESSIVE"));
        return body;
    }

    static Map<String, Object> await(String id) {
        return io.dialer.support.Api.awaitJob("/v1/simulations/" + id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsTheScenarioWithDefaultsAndReturnsOneResultPerAlgorithm() {
        Map<String, Object> body = Map.of("agents", 5, "shiftSeconds", 1800, "warmupSeconds", 300, "seeds", 2,
                "mix", Map.of("live", 0.35, "noAnswer", 0.30), "algorithms", List.of("PROGRESSIVE", "PREDICTIVE"));
        String id = json().body(body).post("/v1/simulations").then().statusCode(202)
                .header("Location", containsString("/v1/simulations/"))
                .body("state", isOneOf("QUEUED", "RUNNING", "COMPLETED"))
                .body("createdAt", notNullValue())
                .body("$", hasKey("results"))
                // what was sent
                .body("scenario.agents", equalTo(5))
                .body("scenario.seeds", equalTo(2))
                .body("scenario.mix.live", equalTo(0.35f))
                .body("scenario.algorithms", equalTo(List.of("PROGRESSIVE", "PREDICTIVE")))
                // the defaults
                .body("scenario.seed", equalTo(1))
                .body("scenario.mix.machine", equalTo(0.25f))
                .body("scenario.talkSeconds.mean", equalTo(150.0f))
                .body("scenario.wrapSeconds.mean", equalTo(30.0f))
                .body("scenario.ringTimeoutSeconds", equalTo(25.0f))
                .body("scenario.regulation", equalTo("US"))
                .body("scenario.maxAbandonRate", equalTo(0.03f))
                .body("scenario.amd.enabled", equalTo(false))
                .body("scenario.amd.decisionSeconds", equalTo(List.of(2.5f, 5.0f)))
                .extract().path("id");

        Map<String, Object> done = await(id);
        assertEquals("COMPLETED", done.get("state"), () -> "failure: " + done.get("failure"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) done.get("results");
        assertEquals(2, results.size());
        assertEquals(List.of("PROGRESSIVE", "PREDICTIVE"), results.stream().map(r -> r.get("algorithm")).toList());
        for (Map<String, Object> r : results) {
            double utilization = ((Number) ((Map<String, Object>) r.get("utilization")).get("mean")).doubleValue();
            assertTrue(utilization > 0 && utilization <= 1, "utilization " + utilization);
            assertTrue(((Map<String, Object>) r.get("abandonRate")).containsKey("p95"));
            assertTrue(((Map<String, Object>) r.get("idleWaitSeconds")).containsKey("p90"));
            assertTrue(r.containsKey("contactsPerAgentHour") && r.containsKey("dialsPerAgentHour")
                    && r.containsKey("talkOccupancy") && r.containsKey("maxHourAbandonRate"));
        }
        json().get("/v1/simulations/" + id).then().statusCode(200)
                .body("startedAt", notNullValue())
                .body("finishedAt", notNullValue())
                .body("failure", nullValue())
                .body("results[0].utilization.ci95", notNullValue());
    }

    @Test
    void listsEveryBadFieldAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("agents", 0);
        body.put("shiftSeconds", 30);
        body.put("seeds", 101);
        body.put("mix", Map.of("live", 1.5));
        body.put("maxAbandonRate", 0.6);
        body.put("regulation", "FR");
        body.put("algorithms", List.of("PREDICTIVE", "MAGIC"));
        body.put("amd", Map.of("decisionSeconds", List.of(3)));
        body.put("talkSeconds", Map.of("mean", -5));
        ValidatableResponse r = json().body(body).post("/v1/simulations").then();
        Api.isProblem(r, 422);
        r.body("errors.field", containsInAnyOrder("agents", "shiftSeconds", "seeds", "mix.live", "maxAbandonRate",
                        "regulation", "algorithms[1]", "amd.decisionSeconds", "talkSeconds.mean"))
                .body("detail", equalTo("9 fields are invalid"));

        Map<String, Object> sum = tiny();
        sum.put("mix", Map.of("live", 0.6, "machine", 0.6));
        sum.put("algorithms", List.of("ERLANG", "ERLANG"));
        sum.put("stepChange", Map.of("liveFactor", 0.5));
        Api.isProblem(json().body(sum).post("/v1/simulations").then(), 422);
        json().body(sum).post("/v1/simulations").then()
                .body("errors.field", containsInAnyOrder("mix", "algorithms[1]", "stepChange.atSeconds"))
                .body("errors.code", hasItems("invalid_sum", "duplicate", "required"));
    }

    @Test
    void refusesScenariosThatWouldRunForHours() {
        Map<String, Object> body = Map.of("agents", 2000, "shiftSeconds", 86400, "seeds", 100);
        ValidatableResponse r = json().body(body).post("/v1/simulations").then();
        Api.isProblem(r, 422);
        r.body("errors[0].field", equalTo("scenario")).body("errors[0].code", equalTo("too_large"));
        // the warm-up default (900 s) does not fit a 15-minute shift: say so rather than run nothing
        Map<String, Object> shortShift = tiny();
        shortShift.remove("warmupSeconds");
        json().body(shortShift).post("/v1/simulations").then().statusCode(422)
                .body("errors.field", equalTo(List.of("warmupSeconds")));
    }

    @Test
    void unknownFieldsAreA400NamingTheField() {
        Map<String, Object> body = tiny();
        body.put("agentz", 3);
        ValidatableResponse r = json().body(body).post("/v1/simulations").then();
        Api.isProblem(r, 400);
        r.body("errors[0].field", equalTo("agentz")).body("errors[0].code", equalTo("unknown_field"));

        Map<String, Object> nested = tiny();
        nested.put("mix", Map.of("live", 0.3, "voicemail", 0.1));
        json().body(nested).post("/v1/simulations").then().statusCode(400)
                .body("errors[0].field", equalTo("mix.voicemail"));
    }

    @Test
    void unknownIdsAreNotFound() {
        Api.isProblem(json().get("/v1/simulations/" + UUID.randomUUID()).then(), 404);
        Api.isProblem(json().get("/v1/simulations/not-an-id").then(), 404);
    }

    @Test
    void listsNewestFirstWithACursor() {
        String first = json().body(tiny()).post("/v1/simulations").then().statusCode(202).extract().path("id");
        String second = json().body(tiny()).post("/v1/simulations").then().statusCode(202).extract().path("id");
        json().get("/v1/simulations").then().statusCode(200)
                .body("items.id", hasItems(first, second))
                .body("items", everyItem(not(hasKey("results"))));
        String cursor = json().queryParam("limit", 1).get("/v1/simulations").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(second))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        json().queryParam("limit", 1).queryParam("cursor", cursor).get("/v1/simulations").then().statusCode(200)
                .body("items[0].id", equalTo(first));
        await(first);
        await(second);
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String id = json().header("Idempotency-Key", key).body(tiny()).post("/v1/simulations").then().statusCode(202)
                .extract().path("id");
        json().header("Idempotency-Key", key).body(tiny()).post("/v1/simulations").then().statusCode(202)
                .header("Idempotent-Replayed", "true")
                .header("Location", containsString(id))
                .body("id", equalTo(id));
        Map<String, Object> other = tiny();
        other.put("agents", 3);
        Api.isProblem(json().header("Idempotency-Key", key).body(other).post("/v1/simulations").then(), 422);
        await(id);
        json().get("/v1/simulations").then().body("items.id", hasItem(id));
    }
}
