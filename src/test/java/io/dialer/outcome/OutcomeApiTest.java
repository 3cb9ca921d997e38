package io.dialer.outcome;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/** Business outcomes on calls: recorded once, and their flags take effect. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class OutcomeApiTest {

    private record Call(String campaignId, String contactId, String callId, String number) {
    }

    /** A campaign with one contact and one ended, connected call (the loop is off in this profile). */
    private static Call connectedCall() throws Exception {
        String campaign = Api.createCampaign(Map.of("name", Api.unique("outcomes"), "outcomes", List.of(
                Map.of("code", "SALE", "label", "Sale", "final", true, "category", "SUCCESS"),
                Map.of("code", "THINKING", "label", "Thinking about it", "final", false, "category", "NEUTRAL"))));
        String number = String.format("+1312%03d%04d", 300 + (int) (Math.random() * 600), (int) (Math.random() * 9000) + 1000);
        String contact = Api.upsert(campaign, List.of(Map.of("externalId", "o-1", "timezone", "UTC",
                        "phones", List.of(Map.of("number", number, "type", "MOBILE")))))
                .statusCode(200).extract().path("results[0].id");
        String call = UUID.randomUUID().toString();
        try (Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO attempt (id, tenant, campaign_id, contact_id, phone_index, number, "
                     + "mode, state, result, owner, epoch, placed_at, answered_at, connected_at, ended_at) VALUES (?::uuid, 'default', "
                     + "?::uuid, ?::uuid, 0, ?, 'PROGRESSIVE', 'ENDED', 'CONNECTED', 'test', 1, now() - interval '90 seconds', "
                     + "now() - interval '80 seconds', now() - interval '79 seconds', now())")) {
            ps.setString(1, call);
            ps.setString(2, campaign);
            ps.setString(3, contact);
            ps.setString(4, number);
            ps.execute();
        }
        return new Call(campaign, contact, call, number);
    }

    @Test
    void aFinalOutcomeClosesTheContactOnceAndForAll() throws Exception {
        Call call = connectedCall();
        Map<String, Object> sale = Map.of("code", "SALE", "notes", "annual plan", "data", Map.of("orderId", "A-17"));
        json().body(sale).post("/v1/calls/" + call.callId() + "/outcome").then().statusCode(201)
                .body("outcome.code", equalTo("SALE")).body("outcome.isFinal", equalTo(true))
                .body("outcome.data.orderId", equalTo("A-17")).body("result", equalTo("CONNECTED"));
        json().body(sale).post("/v1/calls/" + call.callId() + "/outcome").then().statusCode(200);
        Api.isProblem(json().body(Map.of("code", "THINKING")).post("/v1/calls/" + call.callId() + "/outcome").then(), 409);
        json().get("/v1/campaigns/" + call.campaignId() + "/contacts/" + call.contactId()).then()
                .body("state", equalTo("COMPLETED"));
        json().get("/v1/calls/" + call.callId()).then().statusCode(200).body("outcome.notes", equalTo("annual plan"))
                .body("contactExternalId", equalTo("o-1"));
        json().queryParam("type", "outcome.recorded").queryParam("campaignId", call.campaignId()).get("/v1/events").then()
                .statusCode(200).body("items.data.code", hasItem("SALE")).body("items[0].sequence", notNullValue());
    }

    @Test
    void wrongNumberMarksTheNumberInvalidAndDoNotCallBlocksIt() throws Exception {
        Call wrong = connectedCall();
        json().body(Map.of("code", "WRONG_NUMBER")).post("/v1/calls/" + wrong.callId() + "/outcome").then().statusCode(201);
        json().get("/v1/phone-numbers/" + wrong.number()).then().statusCode(200).body("status", equalTo("INVALID"));
        json().queryParam("type", "number.invalidated").queryParam("campaignId", wrong.campaignId()).get("/v1/events").then()
                .body("items.data.number", hasItem(wrong.number()));

        Call dnc = connectedCall();
        json().body(Map.of("code", "DO_NOT_CALL")).post("/v1/calls/" + dnc.callId() + "/outcome").then().statusCode(201);
        json().get("/v1/dnc/" + dnc.number()).then().statusCode(200);
        json().get("/v1/campaigns/" + dnc.campaignId() + "/contacts/" + dnc.contactId()).then()
                .body("state", equalTo("COMPLETED"));
    }

    @Test
    void aCallbackRequestSchedulesTheContact() throws Exception {
        Call call = connectedCall();
        Api.isProblem(json().body(Map.of("code", "CALLBACK_REQUESTED")).post("/v1/calls/" + call.callId() + "/outcome").then(), 422);
        json().body(Map.of("code", "CALLBACK_REQUESTED", "callbackAt", "2030-01-07T15:00:00Z", "callbackToAgent", true))
                .post("/v1/calls/" + call.callId() + "/outcome").then().statusCode(201);
        json().get("/v1/campaigns/" + call.campaignId() + "/contacts/" + call.contactId()).then()
                .body("state", equalTo("PENDING")).body("nextDialAt", equalTo("2030-01-07T15:00:00Z"));
    }

    @Test
    void badOutcomesAreRefusedWithEveryField() throws Exception {
        Call call = connectedCall();
        Api.isProblem(json().body(Map.of("code", "NOPE", "notes", "x".repeat(4001))).post("/v1/calls/" + call.callId() + "/outcome")
                .then(), 422);
        json().body(Map.of("code", "NOPE", "notes", "x".repeat(4001))).post("/v1/calls/" + call.callId() + "/outcome").then()
                .body("errors.field", hasItems("code", "notes"));
        Api.isProblem(json().body(Map.of("code", "SALE")).post("/v1/calls/" + UUID.randomUUID() + "/outcome").then(), 404);
        Api.isProblem(json().body(Map.of("code", "SALE")).post("/v1/calls/not-an-id/outcome").then(), 404);
    }

    @Test
    void attemptsAreListedAndExportedAsCsv() throws Exception {
        Call call = connectedCall();
        json().get("/v1/campaigns/" + call.campaignId() + "/attempts").then().statusCode(200)
                .body("items[0].id", equalTo(call.callId())).body("items[0].talkSeconds", notNullValue());
        json().queryParam("result", "BUSY").get("/v1/campaigns/" + call.campaignId() + "/attempts").then().statusCode(200)
                .body("items.size()", equalTo(0));
        Api.isProblem(json().queryParam("result", "LOUD").queryParam("from", "yesterday")
                .get("/v1/campaigns/" + call.campaignId() + "/attempts").then(), 422);
        io.restassured.RestAssured.given().accept("text/csv").get("/v1/campaigns/" + call.campaignId() + "/attempts").then()
                .statusCode(200).contentType(containsString("text/csv"))
                .body(containsString("id,contactId,contactExternalId")).body(containsString(call.callId() + ","));
    }
}
