package io.dialer.campaign;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CampaignApiTest {

    @Test
    void createsWithDefaultsAndReadsBack() {
        String id = json().body(Map.of("name", "Renewals", "mode", "PREDICTIVE"))
                .post("/v1/campaigns").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/campaigns/"))
                .extract().path("id");
        json().get("/v1/campaigns/" + id).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("name", equalTo("Renewals"))
                .body("state", equalTo("DRAFT"))
                .body("mode", equalTo("PREDICTIVE"))
                .body("dialing.ringTimeoutSeconds", equalTo(25))
                .body("compliance.maxAbandonRate", equalTo(0.03f))
                .body("compliance.abandonWindow", equalTo("P30D"))
                .body("compliance.connectTimeoutSeconds", equalTo(2))
                .body("schedule.windows[0].from", equalTo("09:00"));
    }

    @Test
    void takesTheFullConfiguration() {
        Map<String, Object> body = Map.of(
                "name", "Payment reminders",
                "mode", "PROGRESSIVE",
                "schedule", Map.of("timezone", "America/Chicago",
                        "windows", List.of(Map.of("days", List.of("MON", "TUE"), "from", "08:00", "to", "21:00")),
                        "holidays", List.of("2026-12-25"), "startAt", "2026-12-01T00:00:00Z"),
                "dialing", Map.of("defaultRegion", "GB", "ringTimeoutSeconds", 30, "maxLinesPerAgent", 2,
                        "callerId", "+442079460000", "numberOrder", List.of("WORK", "MOBILE"),
                        "trunkRules", List.of(Map.of("numberType", "MOBILE", "trunk", "mobile-trunk"),
                                Map.of("prefix", "+1", "trunk", "us-trunk"))),
                "retries", Map.of("maxAttemptsPerContact", 8, "maxAttemptsPerNumber", 4, "maxAttemptsPerDay", 2,
                        "minGapSeconds", 1800, "rules", Map.of("BUSY", Map.of("delaySeconds", 600, "max", 3))),
                "compliance", Map.of("maxAbandonRate", 0.02, "abandonWindow", "PT24H", "connectTimeoutSeconds", 2),
                "outcomes", List.of(Map.of("code", "PAID", "label", "Paid", "final", true, "category", "SUCCESS",
                        "rightPartyContact", true)));
        String id = Api.createCampaign(body);
        json().get("/v1/campaigns/" + id).then().statusCode(200)
                .body("dialing.trunkRules", hasSize(2))
                .body("retries.rules.BUSY.delaySeconds", equalTo(600))
                .body("outcomes[0].final", equalTo(true))
                .body("schedule.holidays[0]", equalTo("2026-12-25"))
                .body("compliance.abandonWindow", equalTo("PT24H"));
    }

    @Test
    void listsEveryBadFieldAtOnce() {
        Map<String, Object> body = Map.of(
                "mode", "TURBO",
                "schedule", Map.of("timezone", "Mars/Olympus",
                        "windows", List.of(Map.of("days", List.of("MON", "FUNDAY"), "from", "9am", "to", "20:00"))),
                "dialing", Map.of("ringTimeoutSeconds", 5, "defaultRegion", "XX", "numberOrder", List.of("PAGER"),
                        "previewTimeoutSeconds", 1, "maxConcurrentCalls", 0,
                        "amd", Map.of("enabled", true, "machineAction", "LEAVE_MESSAGE",
                                "tuning", Map.of("greetingMs", 20, "maximumNumberOfWords", 3))),
                "retries", Map.of("rules", Map.of("NOT_A_CODE", Map.of("delaySeconds", -1, "max", 1))),
                "compliance", Map.of("maxAbandonRate", 0.9, "abandonWindow", "P7D"),
                "simulation", Map.of("timeScale", 2, "talkSecond", Map.of("mean", 10)));
        ValidatableResponse r = json().body(body).post("/v1/campaigns").then();
        Api.isProblem(r, 422);
        r.body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("mode"))
                .body("errors.field", hasItem("schedule.timezone"))
                .body("errors.field", hasItem("schedule.windows[0].days[1]"))
                .body("errors.field", hasItem("schedule.windows[0].from"))
                .body("errors.field", hasItem("dialing.ringTimeoutSeconds"))
                .body("errors.field", hasItem("dialing.defaultRegion"))
                .body("errors.field", hasItem("dialing.numberOrder[0]"))
                .body("errors.field", hasItem("retries.rules.NOT_A_CODE"))
                .body("errors.field", hasItem("retries.rules.NOT_A_CODE.delaySeconds"))
                .body("errors.field", hasItem("compliance.maxAbandonRate"))
                .body("errors.field", hasItem("compliance.abandonWindow"))
                .body("errors.field", hasItem("dialing.previewTimeoutSeconds"))
                .body("errors.field", hasItem("dialing.maxConcurrentCalls"))
                .body("errors.field", hasItem("dialing.amd.message"))
                .body("errors.field", hasItem("dialing.amd.tuning.greetingMs"))
                .body("errors.field", org.hamcrest.Matchers.not(hasItem("dialing.amd.tuning.maximumNumberOfWords")))
                .body("errors.field", hasItem("simulation"));
        Api.isProblem(json().body(Map.of("name", "fast", "simulation", Map.of("timeScale", 0))).post("/v1/campaigns").then(), 422);
    }

    @Test
    void lifecycleFollowsTheStateMachine() {
        String id = Api.createCampaign(Api.unique("life"));
        Api.isProblem(json().post("/v1/campaigns/" + id + "/pause").then(), 409);
        Api.isProblem(json().post("/v1/campaigns/" + id + "/resume").then(), 409);
        json().post("/v1/campaigns/" + id + "/start").then().statusCode(200).body("state", equalTo("RUNNING"))
                .body("startedAt", notNullValue());
        Api.isProblem(json().post("/v1/campaigns/" + id + "/start").then(), 409);
        json().post("/v1/campaigns/" + id + "/pause").then().statusCode(200).body("state", equalTo("PAUSED"));
        json().post("/v1/campaigns/" + id + "/resume").then().statusCode(200).body("state", equalTo("RUNNING"));
        Api.isProblem(json().delete("/v1/campaigns/" + id).then(), 409);
        json().post("/v1/campaigns/" + id + "/stop").then().statusCode(200).body("state", equalTo("STOPPED"))
                .body("stoppedAt", notNullValue());
        Api.isProblem(json().post("/v1/campaigns/" + id + "/resume").then(), 409);
        Api.isProblem(json().post("/v1/campaigns/" + id + "/start").then(), 409);
        json().delete("/v1/campaigns/" + id).then().statusCode(204);
        Api.isProblem(json().get("/v1/campaigns/" + id).then(), 404);
    }

    @Test
    void patchMergesAndHonoursIfMatch() {
        String id = Api.createCampaign(Api.unique("patch"));
        String etag = json().get("/v1/campaigns/" + id).then().extract().header("ETag");
        String newEtag = json().header("If-Match", etag)
                .body(Map.of("dialing", Map.of("ringTimeoutSeconds", 40), "description", "winter push"))
                .patch("/v1/campaigns/" + id).then().statusCode(200)
                .body("dialing.ringTimeoutSeconds", equalTo(40))
                .body("dialing.maxLinesPerAgent", equalTo(3))
                .body("description", equalTo("winter push"))
                .extract().header("ETag");
        assertNotEquals(etag, newEtag);
        Api.isProblem(json().header("If-Match", etag).body(Map.of("name", "stale"))
                .patch("/v1/campaigns/" + id).then(), 412);
        Api.isProblem(json().body(Map.of("dialing", Map.of("ringTimeoutSeconds", 3)))
                .patch("/v1/campaigns/" + id).then(), 422);
        Api.isProblem(json().body(Map.of("bogus", 1)).patch("/v1/campaigns/" + id).then(), 400);
        json().body("{\"description\": null}").contentType("application/merge-patch+json")
                .patch("/v1/campaigns/" + id).then().statusCode(200).body("description", nullValue());
    }

    @Test
    void modeCannotChangeWhileRunningButScheduleCan() {
        String id = Api.createCampaign(Api.unique("running"));
        json().post("/v1/campaigns/" + id + "/start").then().statusCode(200);
        Api.isProblem(json().body(Map.of("mode", "PREVIEW")).patch("/v1/campaigns/" + id).then(), 409);
        json().body(Map.of("schedule", Map.of("timezone", "Europe/London"))).patch("/v1/campaigns/" + id)
                .then().statusCode(200).body("schedule.timezone", equalTo("Europe/London"));
    }

    @Test
    void listsWithCursorAndStateFilter() {
        String prefix = Api.unique("list");
        for (int i = 0; i < 5; i++) {
            Api.createCampaign(prefix + "-" + i);
        }
        Map<String, Object> first = json().queryParam("limit", 2).get("/v1/campaigns").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().as(Map.class);
        json().queryParam("limit", 2).queryParam("cursor", first.get("nextCursor")).get("/v1/campaigns").then()
                .statusCode(200).body("items", hasSize(2));
        json().queryParam("state", "DRAFT").get("/v1/campaigns").then().statusCode(200).body("items.state", hasItem("DRAFT"));
        Api.isProblem(json().queryParam("state", "NOPE").get("/v1/campaigns").then(), 422);
        Api.isProblem(json().queryParam("limit", 0).get("/v1/campaigns").then(), 422);
        Api.isProblem(json().queryParam("cursor", "%%%").get("/v1/campaigns").then(), 422);
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponse() {
        String key = Api.unique("key");
        Map<String, Object> body = Map.of("name", "idem");
        String first = json().header("Idempotency-Key", key).body(body).post("/v1/campaigns").then().statusCode(201)
                .extract().path("id");
        String second = json().header("Idempotency-Key", key).body(body).post("/v1/campaigns").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, second);
        Api.isProblem(json().header("Idempotency-Key", key).body(Map.of("name", "other")).post("/v1/campaigns").then(), 422);
    }

    @Test
    void resultCodesAreListedWithTheirHandling() {
        json().get("/v1/result-codes").then().statusCode(200)
                .body("items.code", hasItem("BUSY"))
                .body("items.find { it.code == 'BUSY' }.countsAsAttempt", equalTo(true))
                .body("items.find { it.code == 'BUSY' }.defaultRetryDelaySeconds", equalTo(600))
                .body("items.find { it.code == 'ABANDONED' }.abandonmentRole", equalTo("ABANDONED_LIVE"))
                .body("items.find { it.code == 'INVALID_NUMBER' }.nextStep", equalTo("MARK_NUMBER_INVALID"));
    }

    @Test
    void unknownIdsAreNotFound() {
        Api.isProblem(json().get("/v1/campaigns/not-a-uuid").then(), 404);
        Api.isProblem(json().get("/v1/campaigns/0190a000-0000-7000-8000-000000000000").then(), 404);
        Api.isProblem(json().post("/v1/campaigns/0190a000-0000-7000-8000-000000000000/start").then(), 404);
    }
}
