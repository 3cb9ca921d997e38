package io.dialer.agent;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AgentApiTest {

    static String createAgent(String name, String... campaignIds) {
        return json().body(Map.of("name", name, "campaignIds", List.of(campaignIds))).post("/v1/agents")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void createsAndReadsBack() {
        String campaign = Api.createCampaign(Api.unique("agents"));
        String id = json().body(Map.of("name", "  Alice  ", "campaignIds", List.of(campaign)))
                .post("/v1/agents").then().statusCode(201)
                .header("Location", containsString("/v1/agents/"))
                .body("name", equalTo("Alice"))
                .body("state", equalTo("LOGGED_OUT"))
                .body("simulated", equalTo(false))
                .body("campaignIds", equalTo(List.of(campaign)))
                .extract().path("id");
        json().get("/v1/agents/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Alice"))
                .body("state", equalTo("LOGGED_OUT"))
                .body("stateReason", nullValue())
                .body("stateSince", notNullValue())
                .body("currentCallId", nullValue())
                .body("currentCampaignId", nullValue())
                .body("createdAt", notNullValue())
                .body("campaignIds", equalTo(List.of(campaign)));
    }

    @Test
    void simulatedAgentsStartReady() {
        json().body(Map.of("name", "Bot", "simulated", true)).post("/v1/agents").then().statusCode(201)
                .body("simulated", equalTo(true))
                .body("state", equalTo("READY"))
                .body("campaignIds", empty());
    }

    @Test
    void reportsEveryBadField() {
        String campaign = Api.createCampaign(Api.unique("agents"));
        Map<String, Object> body = new HashMap<>();
        body.put("name", "x".repeat(201));
        List<String> ids = new ArrayList<>();
        ids.add(campaign);
        ids.add("not-a-uuid");
        ids.add("0190a3c4-0000-7000-8000-000000000000");
        ids.add(null);
        body.put("campaignIds", ids);
        ValidatableResponse r = json().body(body).post("/v1/agents").then();
        Api.isProblem(r, 422);
        r.body("errors.field", containsInAnyOrder("name", "campaignIds[1]", "campaignIds[2]", "campaignIds[3]"))
                .body("errors.find { it.field == 'name' }.code", equalTo("too_long"))
                .body("errors.find { it.field == 'campaignIds[1]' }.code", equalTo("not_found"))
                .body("errors.find { it.field == 'campaignIds[3]' }.code", equalTo("required"));

        Api.isProblem(json().body(Map.of("campaignIds", List.of())).post("/v1/agents").then(), 422);
        json().body(Map.of("campaignIds", List.of())).post("/v1/agents").then()
                .body("errors.field", equalTo(List.of("name"))).body("errors[0].code", equalTo("required"));
        Api.isProblem(json().body(Map.of("name", "   ")).post("/v1/agents").then(), 422);
        Api.isProblem(json().body(Map.of("name", "x", "colour", "red")).post("/v1/agents").then(), 400);
        Api.isProblem(json().body("{").post("/v1/agents").then(), 400);
        Api.isProblem(json().body("").post("/v1/agents").then(), 400);
        Api.isProblem(json().body(Map.of("name", "x", "simulated", "maybe")).post("/v1/agents").then(), 422);
        Api.isProblem(json().body(Map.of("name", "x", "campaignIds", "abc")).post("/v1/agents").then(), 422);
    }

    @Test
    void idempotencyKeyReplaysTheCreate() {
        String key = Api.unique("agent-key");
        String first = json().header("Idempotency-Key", key).body(Map.of("name", "Bob")).post("/v1/agents")
                .then().statusCode(201).extract().path("id");
        String again = json().header("Idempotency-Key", key).body(Map.of("name", "Bob")).post("/v1/agents")
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", containsString(first))
                .extract().path("id");
        assertEquals(first, again);
        Api.isProblem(json().header("Idempotency-Key", key).body(Map.of("name", "Carol")).post("/v1/agents").then(), 422);
    }

    @Test
    void listsWithFiltersAndCursor() {
        String campaign = Api.createCampaign(Api.unique("agents"));
        String other = Api.createCampaign(Api.unique("agents"));
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            mine.add(createAgent("List " + i, campaign));
        }
        String both = createAgent("Both", campaign, other);
        mine.add(both);
        String elsewhere = createAgent("Elsewhere", other);
        json().body(Map.of("state", "READY")).put("/v1/agents/" + both + "/state").then().statusCode(200);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = json().queryParam("campaignId", campaign).queryParam("limit", 4);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            var page = req.get("/v1/agents").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            seen.addAll(ids);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(mine, seen);
        assertEquals(2, pages);

        json().queryParam("campaignId", campaign).queryParam("state", "READY").get("/v1/agents").then().statusCode(200)
                .body("items.id", equalTo(List.of(both)));
        json().queryParam("campaignId", other).get("/v1/agents").then().statusCode(200)
                .body("items.id", containsInAnyOrder(both, elsewhere));
        json().queryParam("state", "READY").get("/v1/agents").then().statusCode(200)
                .body("items.state", everyItem(equalTo("READY"))).body("items.id", hasItem(both));
        json().get("/v1/agents").then().statusCode(200).body("items", not(empty()));

        ValidatableResponse bad = json().queryParam("campaignId", "nope").queryParam("state", "ASLEEP")
                .queryParam("limit", 0).get("/v1/agents").then();
        Api.isProblem(bad, 422);
        bad.body("errors.field", containsInAnyOrder("campaignId", "state", "limit"));
        Api.isProblem(json().queryParam("cursor", "!!!").get("/v1/agents").then(), 422);
    }

    @Test
    void patchesNameAndAssignments() {
        String c1 = Api.createCampaign(Api.unique("agents"));
        String c2 = Api.createCampaign(Api.unique("agents"));
        String id = createAgent("Dave", c1);

        json().body(Map.of("name", "David")).patch("/v1/agents/" + id).then().statusCode(200)
                .body("name", equalTo("David")).body("campaignIds", equalTo(List.of(c1)));
        json().contentType("application/merge-patch+json").body(Map.of("campaignIds", List.of(c1, c2, c2)))
                .patch("/v1/agents/" + id).then().statusCode(200)
                .body("name", equalTo("David")).body("campaignIds", containsInAnyOrder(c1, c2));
        json().queryParam("campaignId", c2).get("/v1/agents").then().body("items.id", equalTo(List.of(id)));
        json().body("{\"campaignIds\": null}").patch("/v1/agents/" + id).then().statusCode(200)
                .body("campaignIds", empty());
        json().queryParam("campaignId", c1).get("/v1/agents").then().body("items", empty());
        json().body(Map.of("simulated", false)).patch("/v1/agents/" + id).then().statusCode(200);

        ValidatableResponse bad = json().body("{\"name\": null, \"campaignIds\": [\"" + c1 + "\", 7, \"nope\"], "
                + "\"simulated\": true, \"state\": \"READY\"}").patch("/v1/agents/" + id).then();
        Api.isProblem(bad, 422);
        bad.body("errors.field", containsInAnyOrder("name", "campaignIds[1]", "campaignIds[2]", "simulated", "state"));
        Api.isProblem(json().body(Map.of("name", "x", "colour", "red")).patch("/v1/agents/" + id).then(), 400);
        Api.isProblem(json().body(Map.of("campaignIds", "x")).patch("/v1/agents/" + id).then(), 422);
        Api.isProblem(json().body("[1]").patch("/v1/agents/" + id).then(), 400);
        json().get("/v1/agents/" + id).then().body("name", equalTo("David")).body("campaignIds", empty());
        Api.isProblem(json().body(Map.of("name", "x")).patch("/v1/agents/0190a3c4-0000-7000-8000-000000000000").then(), 404);
    }

    @Test
    void keepsTheAgentsPhoneAndRejectsAnythingThatIsNotAPlainSipUri() {
        String id = json().body(Map.of("name", "Phoebe", "phoneUri", " sip:agent7@10.0.0.5:5060 ")).post("/v1/agents")
                .then().statusCode(201).body("phoneUri", equalTo("sip:agent7@10.0.0.5:5060")).extract().path("id");
        json().body(Map.of("phoneUri", "sips:phoebe@pbx.example.com;transport=tls")).patch("/v1/agents/" + id).then()
                .statusCode(200).body("phoneUri", equalTo("sips:phoebe@pbx.example.com;transport=tls"));
        for (String bad : List.of("tel:+12025550001", "sip:a@b,PJSIP/evil", "sip:a b@host", "sip:a@host&Local/1@x",
                "sip:" + "a".repeat(200) + "@h")) {
            ValidatableResponse r = json().body(Map.of("phoneUri", bad)).patch("/v1/agents/" + id).then();
            Api.isProblem(r, 422);
            r.body("errors.field", equalTo(List.of("phoneUri")));
        }
        Api.isProblem(json().body(Map.of("phoneUri", 5)).patch("/v1/agents/" + id).then(), 422);
        json().body("{\"phoneUri\": null}").patch("/v1/agents/" + id).then().statusCode(200)
                .body("phoneUri", nullValue());
        Api.isProblem(json().body(Map.of("name", "x", "phoneUri", "mailto:x@y")).post("/v1/agents").then(), 422);
    }

    @Test
    void deletes() {
        String id = createAgent("Eve");
        json().delete("/v1/agents/" + id).then().statusCode(204);
        Api.isProblem(json().get("/v1/agents/" + id).then(), 404);
        Api.isProblem(json().delete("/v1/agents/" + id).then(), 404);
        Api.isProblem(json().get("/v1/agents/not-an-id").then(), 404);
    }

    @Test
    void deletingACampaignRemovesItsAssignments() {
        String gone = Api.createCampaign(Api.unique("agents"));
        String kept = Api.createCampaign(Api.unique("agents"));
        String id = createAgent("Frank", gone, kept);
        json().delete("/v1/campaigns/" + gone).then().statusCode(204);
        json().get("/v1/agents/" + id).then().statusCode(200).body("campaignIds", equalTo(List.of(kept)));
        json().queryParam("campaignId", gone).get("/v1/agents").then().statusCode(200).body("items", empty());
    }

    @Test
    void listBodyHasTheListShape() {
        createAgent("Shape");
        json().queryParam("limit", 1).get("/v1/agents").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("nextCursor", notNullValue());
    }
}
