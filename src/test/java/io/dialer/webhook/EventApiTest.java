package io.dialer.webhook;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** The event log: imports and campaign changes are recorded and can be read back by type and campaign. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class EventApiTest {

    @Test
    void importsAndCampaignChangesAreRecorded() {
        String campaign = Api.createCampaign(Map.of("name", Api.unique("events"), "externalId", "crm-campaign-42"));
        String importId = RestAssured.given().contentType("text/csv")
                .body("externalId,mobile\ne-1,+13125550100\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/campaigns/" + campaign + "/imports").then().statusCode(202).extract().path("id");
        Api.awaitImport(importId);
        json().post("/v1/campaigns/" + campaign + "/start").then().statusCode(200);
        json().post("/v1/campaigns/" + campaign + "/pause").then().statusCode(200);

        json().queryParam("campaignId", campaign).get("/v1/events").then().statusCode(200)
                .body("items.type", hasItems("import.completed", "campaign.started", "campaign.paused"))
                .body("items[0].sequence", equalTo(1))
                .body("items[1].sequence", equalTo(2))
                .body("items[2].sequence", equalTo(3))
                .body("items[0].data.campaignExternalId", equalTo("crm-campaign-42"));
        String eventId = json().queryParam("campaignId", campaign).queryParam("type", "import.completed").get("/v1/events")
                .then().body("items[0].data.importId", equalTo(importId)).body("items[0].data.rowsCreated", equalTo(1))
                .extract().path("items[0].id");
        json().get("/v1/events/" + eventId).then().statusCode(200).body("type", equalTo("import.completed"));
        json().queryParam("campaignId", campaign).queryParam("limit", 1).get("/v1/events").then()
                .body("items.size()", equalTo(1)).body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void badFiltersAreFieldErrors() {
        Api.isProblem(json().queryParam("type", "call.happened").queryParam("since", "today").queryParam("campaignId", "x")
                .get("/v1/events").then(), 422);
        json().queryParam("type", "call.happened").queryParam("campaignId", "x").get("/v1/events").then()
                .body("errors.field", hasItems("type", "campaignId"));
        json().queryParam("since", "today").get("/v1/events").then().body("errors.field", hasItem("since"));
        Api.isProblem(json().get("/v1/events/" + java.util.UUID.randomUUID()).then(), 404);
    }
}
