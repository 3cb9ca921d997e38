package io.dialer.webhook;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.dialer.tenant.AuthOnProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Tenant B gets 404 for every route of tenant A's endpoint and does not see it; with auth on, targets must be public https. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class WebhookTenantIsolationTest {

    // a public address literal: no DNS needed, and nothing is sent (no event is recorded for it)
    private static final String PUBLIC_URL = "https://93.184.215.14/dialer-hooks";

    @Test
    void tenantBSeesNothingOfTenantA() {
        String tokenA = token(Api.unique("wh-a"));
        String tokenB = token(Api.unique("wh-b"));
        String id = as(tokenA).body(Map.of("url", PUBLIC_URL)).post("/v1/webhook-endpoints").then().statusCode(201)
                .extract().path("id");
        String path = "/v1/webhook-endpoints/" + id;
        try {
            Api.isProblem(as(tokenB).get(path).then(), 404);
            Api.isProblem(as(tokenB).body(Map.of("description", "mine")).patch(path).then(), 404);
            Api.isProblem(as(tokenB).post(path + "/rotate-secret").then(), 404);
            Api.isProblem(as(tokenB).post(path + "/test").then(), 404);
            Api.isProblem(as(tokenB).get(path + "/deliveries").then(), 404);
            Instant now = Instant.now();
            Api.isProblem(as(tokenB).body(Map.of("from", now.minusSeconds(60).toString(), "to", now.toString()))
                    .post(path + "/replays").then(), 404);
            Api.isProblem(as(tokenB).delete(path).then(), 404);
            as(tokenB).queryParam("limit", 1000).get("/v1/webhook-endpoints").then().statusCode(200)
                    .body("items.id", not(hasItem(id)));
            Api.isProblem(RestAssured.given().get(path).then(), 401);

            as(tokenA).get(path).then().statusCode(200).body("url", equalTo(PUBLIC_URL)).body("description", equalTo(null));
            as(tokenA).queryParam("limit", 1000).get("/v1/webhook-endpoints").then().body("items.id", hasItem(id));
        } finally {
            as(tokenA).delete(path).then().statusCode(204);
        }
    }

    @Test
    void withAuthenticationOnTargetsMustBePublicHttps() {
        String token = token(Api.unique("wh-c"));
        Api.isProblem(as(token).body(Map.of("url", "http://93.184.215.14/hooks")).post("/v1/webhook-endpoints").then()
                .body("errors[0].code", equalTo("https_required")), 422);
        Api.isProblem(as(token).body(Map.of("url", "https://127.0.0.1:8443/hooks")).post("/v1/webhook-endpoints").then()
                .body("errors[0].code", equalTo("private_target")), 422);
        Api.isProblem(as(token).body(Map.of("url", "https://169.254.169.254/latest/meta-data/")).post("/v1/webhook-endpoints")
                .then().body("errors[0].code", equalTo("private_target")), 422);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static String token(String tenant) {
        try {
            return Jwt.subject("crm-" + tenant).claim("tenant", tenant).issuedAt(Instant.now())
                    .expiresIn(Duration.ofMinutes(10)).sign(KeyUtils.readPrivateKey("/auth/privateKey.pem"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
