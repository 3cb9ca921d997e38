package io.dialer.platform;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Nothing a client can send yields a 500: every mistake is a 4xx problem+json that says what is wrong. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class BadInputTest {

    private static ValidatableResponse postCampaign(String body) {
        return RestAssured.given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/campaigns").then();
    }

    @Test
    void malformedJson() {
        Api.isProblem(postCampaign("{\"name\": "), 400);
        Api.isProblem(postCampaign("{name: 'x'}"), 400);
        Api.isProblem(postCampaign(""), 400);
        Api.isProblem(postCampaign("[1, 2, 3]"), 400);
        Api.isProblem(postCampaign("\"just a string\""), 400);
    }

    @Test
    void unknownFieldsAreNamed() {
        postCampaign("{\"name\": \"x\", \"colour\": \"red\"}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].code", equalTo("unknown_field"));
        postCampaign("{\"name\": \"x\", \"dialing\": {\"speed\": 9}}").statusCode(400)
                .body("errors[0].field", equalTo("dialing.speed"));
    }

    @Test
    void wrongTypesAndHugeNumbers() {
        Api.isProblem(postCampaign("{\"name\": \"x\", \"dialing\": {\"ringTimeoutSeconds\": \"soon\"}}"), 422);
        postCampaign("{\"name\": \"x\", \"dialing\": {\"ringTimeoutSeconds\": 99999999999999999999999999}}")
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ringTimeoutSeconds"));
        Api.isProblem(postCampaign("{\"name\": \"x\", \"compliance\": {\"maxAbandonRate\": 1e400}}"), 422);
        Api.isProblem(postCampaign("{\"name\": \"x\", \"schedule\": {\"startAt\": \"tomorrow\"}}"), 422);
        Api.isProblem(postCampaign("{\"name\": \"x\", \"outcomes\": {\"code\": \"A\"}}"), 422);
        String campaign = Api.createCampaign(Api.unique("types"));
        RestAssured.given().contentType("application/json")
                .body("{\"contacts\": [{\"externalId\": \"x\", \"phones\": [{\"number\": 5}], \"priority\": 1e99}]}")
                .post("/v1/campaigns/" + campaign + "/contacts").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", not(equalTo("HTTP 400 Bad Request")));
    }

    @Test
    void badUtf8() {
        byte[] body = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        RestAssured.given().contentType("application/json").body(body).post("/v1/campaigns").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("UTF-8"));
    }

    @Test
    void wrongContentTypeAndMethod() {
        Api.isProblem(RestAssured.given().contentType("text/plain").body("name=x").post("/v1/campaigns").then(), 415);
        Api.isProblem(RestAssured.given().contentType("application/xml").body("<a/>").post("/v1/campaigns").then(), 415);
        Api.isProblem(RestAssured.given().put("/v1/campaigns").then(), 405);
        Api.isProblem(RestAssured.given().get("/v1/nothing-here").then(), 404);
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        byte[] big = new byte[21 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port
                                + "/v1/campaigns/0190a000-0000-7000-8000-000000000000/imports"))
                .expectContinue(true).header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(413, response.statusCode());
    }

    @Test
    void deeplyNestedAndLongValues() {
        String deep = "{\"name\": \"x\", \"simulation\": " + "{\"a\": ".repeat(2000) + "1" + "}".repeat(2000) + "}";
        postCampaign(deep).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nesting"));
        Api.isProblem(postCampaign("{\"name\": \"" + "n".repeat(300) + "\"}"), 422);
        String campaign = Api.createCampaign(Api.unique("long"));
        RestAssured.given().contentType("application/json")
                .body("{\"contacts\": [{\"externalId\": \"" + "e".repeat(500) + "\", \"phones\": [{\"number\": \"+13125550100\"}]}]}")
                .post("/v1/campaigns/" + campaign + "/contacts").then().statusCode(200)
                .body("results[0].errors.field", hasItem("contacts[0].externalId"));
    }

    @Test
    void problemsCarryTypeTitleAndInstance() {
        RestAssured.given().get("/v1/campaigns/0190a000-0000-7000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", containsString("/problems/not-found"))
                .body("title", notNullValue())
                .body("detail", containsString("does not exist"))
                .body("instance", equalTo("/v1/campaigns/0190a000-0000-7000-8000-000000000000"));
    }
}
