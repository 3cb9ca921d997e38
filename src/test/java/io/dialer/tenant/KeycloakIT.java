package io.dialer.tenant;

import io.dialer.support.Api;
import io.dialer.support.ServiceInstances;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service behind a real identity provider: Keycloak's distribution on loopback with realm
 * {@code dialer} (src/test/keycloak/dialer-realm.json). Each tenant's CRM is a confidential client that gets its
 * tokens through the client credentials grant; a hardcoded claim mapper names the tenant and an audience mapper
 * addresses the tokens to {@code dialer}.
 */
class KeycloakIT {

    private static final String REALM = "dialer";
    private static final String AUDIENCE = "dialer";

    private static KeycloakServer keycloak;
    private static EmbeddedPostgres postgres;
    private static ServiceInstances services;
    private static ServiceInstances.Instance service;

    private static String acme;
    private static String globex;
    private static String shortLivedAcme;

    @BeforeAll
    static void start() throws Exception {
        String home = System.getProperty("dialer.keycloak.home");
        assertTrue(home != null && !home.isBlank(), "dialer.keycloak.home is set by the failsafe configuration in pom.xml");
        keycloak = KeycloakServer.start(Path.of(home), Path.of("target/keycloak-it"));
        keycloak.createRealm(Path.of("src/test/keycloak/dialer-realm.json"));
        acme = token("crm-acme");
        globex = token("crm-globex");

        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        services = new ServiceInstances("keycloak-it/service", postgres.getJdbcUrl("postgres", "postgres"), List.of(
                "dialer.dialing.enabled=false",
                "dialer.auth.required=true",
                "quarkus.oidc.auth-server-url=" + keycloak.issuer(REALM),
                "quarkus.oidc.token.audience=" + AUDIENCE));
        service = services.start();
        services.awaitReady(service);

        // used at once (the service warmed up first) it works; expiredTokensAreRefused uses it again once expired
        as(acme).get("/v1/campaigns").then().statusCode(200);
        shortLivedAcme = token("crm-acme-short");
        as(shortLivedAcme).get("/v1/campaigns").then().statusCode(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void eachTenantSeesOnlyItsOwnData() {
        String acmeCampaign = createCampaignWithContacts(acme, "Acme renewals", "+13125550100");
        String globexCampaign = createCampaignWithContacts(globex, "Globex winback", "+13125550200");

        assertEquals(List.of(acmeCampaign), campaignIds(acme));
        assertEquals(List.of(globexCampaign), campaignIds(globex));
        as(acme).get("/v1/campaigns/" + acmeCampaign + "/contacts").then().statusCode(200)
                .body("items.externalId", equalTo(List.of("c-1", "c-2")));

        String theirs = "/v1/campaigns/" + globexCampaign;
        Api.isProblem(as(acme).get(theirs).then(), 404);
        Api.isProblem(as(acme).body(Map.of("name", "taken over")).patch(theirs).then(), 404);
        Api.isProblem(as(acme).get(theirs + "/contacts").then(), 404);
        Api.isProblem(as(acme).body(Map.of("contacts", List.of(Api.contact("x-1", "+13125550300"))))
                .post(theirs + "/contacts").then(), 404);
        Api.isProblem(as(globex).delete("/v1/campaigns/" + acmeCampaign).then(), 404);

        as(globex).get(theirs).then().statusCode(200).body("name", equalTo("Globex winback"));
        as(acme).get("/v1/campaigns/" + acmeCampaign).then().statusCode(200).body("name", equalTo("Acme renewals"));
    }

    @Test
    void requestsWithoutATokenAreRefused() {
        Api.isProblem(RestAssured.given().baseUri(baseUri()).accept(ContentType.JSON).get("/v1/campaigns").then(), 401);
        RestAssured.given().baseUri(baseUri()).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aClientWithoutATenantClaimIsForbidden() throws Exception {
        Api.isProblem(as(token("crm-no-tenant")).get("/v1/campaigns").then(), 403);
    }

    @Test
    void tokensForAnotherAudienceAreRefused() throws Exception {
        as(token("other-service")).get("/v1/campaigns").then().statusCode(401);
    }

    @Test
    void forgedTokensAreRefused() {
        as(acme).get("/v1/campaigns").then().statusCode(200);
        as(withClaimSwapped(acme, "\"tenant\":\"acme\"", "\"tenant\":\"globex\"")).get("/v1/campaigns").then().statusCode(401);
        as(Tokens.forTenantFrom(keycloak.issuer(REALM), AUDIENCE, "acme")).get("/v1/campaigns").then().statusCode(401);
    }

    @Test
    void expiredTokensAreRefused() throws Exception {
        long exp = Long.parseLong(claim(shortLivedAcme, "exp"));
        while (Instant.now().getEpochSecond() <= exp + 1) {
            Thread.sleep(250);
        }
        as(shortLivedAcme).get("/v1/campaigns").then().statusCode(401);
    }

    private static String createCampaignWithContacts(String token, String name, String firstNumber) {
        String id = as(token).body(Map.of("name", name)).post("/v1/campaigns").then().statusCode(201).extract().path("id");
        String second = firstNumber.substring(0, firstNumber.length() - 1) + "1";
        as(token).body(Map.of("contacts", List.of(Api.contact("c-1", firstNumber), Api.contact("c-2", second))))
                .post("/v1/campaigns/" + id + "/contacts").then().statusCode(200);
        return id;
    }

    private static List<String> campaignIds(String token) {
        return as(token).get("/v1/campaigns").then().statusCode(200).extract().path("items.id");
    }

    private static String token(String clientId) throws Exception {
        return keycloak.clientCredentialsToken(REALM, clientId, clientId + "-secret");
    }

    /** The same header and signature over a payload with one claim changed. */
    private static String withClaimSwapped(String jwt, String from, String to) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains(from), "the token carries " + from + ": " + payload);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace(from, to).getBytes(StandardCharsets.UTF_8));
        assertNotEquals(parts[1], forged);
        return parts[0] + "." + forged + "." + parts[2];
    }

    private static String claim(String jwt, String name) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).get(name).asText();
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().baseUri(baseUri()).auth().oauth2(token)
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static String baseUri() {
        return "http://127.0.0.1:" + service.port();
    }
}
