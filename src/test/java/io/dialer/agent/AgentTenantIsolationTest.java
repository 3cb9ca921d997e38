package io.dialer.agent;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.dialer.tenant.AuthOnProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenant B gets 404 for every agent route of tenant A's agents, sees none of them, and cannot assign A's campaigns. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AgentTenantIsolationTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgentService agents;

    @Test
    void tenantBSeesNothingOfTenantA() throws Exception {
        String tenantA = Api.unique("agents-a");
        String tenantB = Api.unique("agents-b");
        String tokenA = token(tenantA);
        String tokenB = token(tenantB);
        String campaign = as(tokenA).body(Map.of("name", "A's campaign")).post("/v1/campaigns").then().statusCode(201)
                .extract().path("id");
        String agent = as(tokenA).body(Map.of("name", "A's agent", "campaignIds", List.of(campaign))).post("/v1/agents")
                .then().statusCode(201).extract().path("id");
        String a = "/v1/agents/" + agent;

        Api.isProblem(as(tokenB).get(a).then(), 404);
        Api.isProblem(as(tokenB).body(Map.of("name", "mine now")).patch(a).then(), 404);
        Api.isProblem(as(tokenB).body(Map.of("state", "READY")).put(a + "/state").then(), 404);
        Api.isProblem(as(tokenB).delete(a).then(), 404);
        try (SseClient sse = SseClient.open(URI.create(base.toString()), "v1/agents/" + agent + "/events", null, tokenB)) {
            assertEquals(404, sse.status);
        }
        try (SseClient sse = SseClient.open(URI.create(base.toString()), "v1/agents/" + agent + "/events", null, null)) {
            assertEquals(401, sse.status);
        }
        as(tokenB).get("/v1/agents").then().statusCode(200).body("items.id", not(hasItem(agent)));
        as(tokenB).queryParam("campaignId", campaign).get("/v1/agents").then().statusCode(200).body("items.id", not(hasItem(agent)));
        // B cannot assign its agents to A's campaign
        Api.isProblem(as(tokenB).body(Map.of("name", "B", "campaignIds", List.of(campaign))).post("/v1/agents").then()
                .body("errors[0].field", equalTo("campaignIds[0]")), 422);
        // the Java API is tenant-checked too
        assertTrue(agents.find(tenantB, agent).isEmpty());
        assertTrue(agents.forCampaign(tenantB, campaign).isEmpty());
        assertFalse(agents.move(tenantB, agent, AgentState.LOGGED_OUT, AgentState.READY, null, null));

        // A still has it, unchanged, and follows its own stream
        as(tokenA).get(a).then().statusCode(200).body("name", equalTo("A's agent")).body("state", equalTo("LOGGED_OUT"));
        as(tokenA).queryParam("campaignId", campaign).get("/v1/agents").then().body("items.id", equalTo(List.of(agent)));
        try (SseClient sse = SseClient.open(URI.create(base.toString()), "v1/agents/" + agent + "/events", null, tokenA)) {
            assertEquals(200, sse.status);
            sse.next("state");
            agents.publish(tenantB, agent, "offer", Map.of("from", "B"));
            agents.publish(tenantA, agent, "offer", Map.of("from", "A"));
            assertTrue(sse.next("offer").data().contains("\"A\""));
        }
        as(tokenA).delete(a).then().statusCode(204);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static String token(String tenant) throws Exception {
        PrivateKey key = KeyUtils.readPrivateKey("/auth/privateKey.pem");
        return Jwt.subject("crm-" + tenant).claim("tenant", tenant).issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(10)).sign(key);
    }
}
