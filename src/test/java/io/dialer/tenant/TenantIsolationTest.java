package io.dialer.tenant;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Tenant A must get 404 for every resource of tenant B, and see none of B's data in lists. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class TenantIsolationTest {

    private String tokenA;
    private String tokenB;

    @BeforeEach
    void tokens() {
        tokenA = Tokens.forTenant(Api.unique("tenant-a"));
        tokenB = Tokens.forTenant(Api.unique("tenant-b"));
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        Api.isProblem(RestAssured.given().get("/v1/campaigns").then(), 401);
        RestAssured.given().auth().oauth2("not-a-jwt").get("/v1/campaigns").then().statusCode(401);
        RestAssured.given().auth().oauth2(Tokens.expired("a")).get("/v1/campaigns").then().statusCode(401);
        Api.isProblem(as(Tokens.withoutTenant()).get("/v1/campaigns").then(), 403);
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        // metrics are an operator endpoint (kept off the internet by the NetworkPolicy): no token, no tenant data
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("dialer_webhook_backlog"), "dialer metrics exported");
        org.junit.jupiter.api.Assertions.assertFalse(metrics.contains("tenant=\""), "no tenant label in the metrics");
    }

    @Test
    void tenantBSeesNothingOfTenantA() {
        String campaign = as(tokenA).body(Map.of("name", "A's campaign")).post("/v1/campaigns").then().statusCode(201)
                .extract().path("id");
        String contact = as(tokenA).body(Map.of("contacts", List.of(Api.contact("a-1", "+13125550100"))))
                .post("/v1/campaigns/" + campaign + "/contacts").then().statusCode(200).extract().path("results[0].id");
        String importId = RestAssured.given().auth().oauth2(tokenA).contentType("text/csv")
                .body("externalId,mobile\na-2,+13125550101\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/campaigns/" + campaign + "/imports").then().statusCode(202).extract().path("id");
        as(tokenA).body(Map.of("numbers", List.of("+13125550109"))).post("/v1/dnc").then().statusCode(200);
        as(tokenA).body(Map.of("status", "INVALID")).put("/v1/phone-numbers/+13125550108").then().statusCode(200);

        String c = "/v1/campaigns/" + campaign;
        Api.isProblem(as(tokenB).get(c).then(), 404);
        Api.isProblem(as(tokenB).body(Map.of("name", "x")).patch(c).then(), 404);
        Api.isProblem(as(tokenB).delete(c).then(), 404);
        for (String action : List.of("start", "pause", "resume", "stop")) {
            Api.isProblem(as(tokenB).post(c + "/" + action).then(), 404);
        }
        Api.isProblem(as(tokenB).get(c + "/contacts").then(), 404);
        Api.isProblem(as(tokenB).get(c + "/contacts/" + contact).then(), 404);
        Api.isProblem(as(tokenB).body(Map.of("firstName", "x")).patch(c + "/contacts/" + contact).then(), 404);
        Api.isProblem(as(tokenB).delete(c + "/contacts/" + contact).then(), 404);
        Api.isProblem(as(tokenB).body(Map.of("contacts", List.of(Api.contact("b-1", "+13125550100"))))
                .post(c + "/contacts").then(), 404);
        Api.isProblem(RestAssured.given().auth().oauth2(tokenB).contentType("text/csv")
                .body("externalId,mobile\nb,+13125550100\n".getBytes(StandardCharsets.UTF_8)).post(c + "/imports").then(), 404);
        Api.isProblem(as(tokenB).get(c + "/imports").then(), 404);
        Api.isProblem(as(tokenB).get("/v1/imports/" + importId).then(), 404);
        Api.isProblem(as(tokenB).get("/v1/imports/" + importId + "/errors").then(), 404);
        Api.isProblem(as(tokenB).get("/v1/dnc/+13125550109").then(), 404);
        Api.isProblem(as(tokenB).delete("/v1/dnc/+13125550109").then(), 404);
        as(tokenB).get("/v1/phone-numbers/+13125550108").then().statusCode(200).body("status", equalTo("VALID"));

        as(tokenB).get("/v1/campaigns").then().statusCode(200).body("items.id", not(hasItem(campaign)));
        as(tokenB).get("/v1/dnc").then().statusCode(200).body("items.e164", not(hasItem("+13125550109")));
        as(tokenB).get("/v1/phone-numbers").then().statusCode(200).body("items.e164", not(hasItem("+13125550108")));

        // and A still has all of it
        as(tokenA).get(c).then().statusCode(200);
        as(tokenA).get(c + "/contacts/" + contact).then().statusCode(200);
        as(tokenA).get("/v1/dnc/+13125550109").then().statusCode(200);
        as(tokenA).get("/v1/campaigns").then().statusCode(200).body("items.name", everyItem(equalTo("A's campaign")));
    }

    @Test
    void idempotencyKeysAreScopedByTenant() {
        String key = Api.unique("shared-key");
        String a = as(tokenA).header("Idempotency-Key", key).body(Map.of("name", "same")).post("/v1/campaigns")
                .then().statusCode(201).extract().path("id");
        String b = as(tokenB).header("Idempotency-Key", key).body(Map.of("name", "same")).post("/v1/campaigns")
                .then().statusCode(201).extract().path("id");
        org.junit.jupiter.api.Assertions.assertNotEquals(a, b);
        Api.isProblem(as(tokenB).get("/v1/campaigns/" + a).then(), 404);
    }

    @Test
    void statsCallbacksAndPreviewOffersAreTenantScoped() throws Exception {
        String tenantA = Api.unique("tenant-a");
        String a = Tokens.forTenant(tenantA);
        String campaign = as(a).body(Map.of("name", "A's dialing")).post("/v1/campaigns").then().statusCode(201)
                .extract().path("id");
        String contact = as(a).body(Map.of("contacts", List.of(Api.contact("a-1", "+13125550100"))))
                .post("/v1/campaigns/" + campaign + "/contacts").then().statusCode(200).extract().path("results[0].id");
        String agent = as(a).body(Map.of("name", "A's agent")).post("/v1/agents").then().statusCode(201).extract().path("id");
        String offer = java.util.UUID.randomUUID().toString();
        try (java.sql.Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO attempt (id, tenant, campaign_id, contact_id, "
                     + "phone_index, number, mode, state, agent_id, owner, epoch, placed_at) VALUES (?::uuid, ?, ?::uuid, ?::uuid, 0, "
                     + "'+13125550100', 'PREVIEW', 'OFFERED', ?::uuid, 'test', 1, now())")) {
            ps.setString(1, offer);
            ps.setString(2, tenantA);
            ps.setString(3, campaign);
            ps.setString(4, contact);
            ps.setString(5, agent);
            ps.execute();
        }
        Map<String, Object> callback = Map.of("at", "2030-01-01T10:00:00Z");
        Map<String, Object> skip = Map.of("action", "SKIP");

        Api.isProblem(as(tokenB).get("/v1/campaigns/" + campaign + "/stats").then(), 404);
        Api.isProblem(as(tokenB).body(callback).put("/v1/campaigns/" + campaign + "/contacts/" + contact + "/callback").then(), 404);
        Api.isProblem(as(tokenB).body(skip).post("/v1/agents/" + agent + "/offers/" + offer).then(), 404);
        Api.isProblem(as(tokenB).get("/v1/calls/" + offer).then(), 404);
        Api.isProblem(as(tokenB).body(Map.of("code", "WRONG_PERSON")).post("/v1/calls/" + offer + "/outcome").then(), 404);
        Api.isProblem(as(tokenB).get("/v1/campaigns/" + campaign + "/attempts").then(), 404);
        Api.isProblem(as(tokenB).get("/v1/campaigns/" + campaign + "/report").then(), 404);
        as(tokenB).accept("image/svg+xml").get("/v1/campaigns/" + campaign + "/report").then().statusCode(404);
        as(tokenB).accept("text/csv").get("/v1/campaigns/" + campaign + "/report").then().statusCode(404);
        as(tokenB).queryParam("campaignId", campaign).get("/v1/events").then().statusCode(200).body("items.size()", equalTo(0));
        as(a).get("/v1/calls/" + offer).then().statusCode(200);

        as(a).get("/v1/campaigns/" + campaign + "/stats").then().statusCode(200).body("state", equalTo("DRAFT"));
        as(a).get("/v1/campaigns/" + campaign + "/report").then().statusCode(200).body("campaignId", equalTo(campaign));
        as(a).body(callback).put("/v1/campaigns/" + campaign + "/contacts/" + contact + "/callback").then().statusCode(200);
        Api.isProblem(as(a).body(skip).post("/v1/agents/" + java.util.UUID.randomUUID() + "/offers/" + offer).then(), 409);
        as(a).body(skip).post("/v1/agents/" + agent + "/offers/" + offer).then().statusCode(202);
        as(a).body(Map.of("code", "WRONG_PERSON")).post("/v1/calls/" + offer + "/outcome").then().statusCode(201);
        as(a).queryParam("campaignId", campaign).get("/v1/events").then().statusCode(200)
                .body("items.type", hasItem("outcome.recorded"));
    }
}
