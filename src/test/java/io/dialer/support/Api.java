package io.dialer.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/** Small helpers shared by the API tests. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification json() {
        return RestAssured.given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static String createCampaign(String name) {
        return createCampaign(Map.of("name", name));
    }

    public static String createCampaign(Map<String, Object> body) {
        return json().body(body).post("/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> contact(String externalId, String... numbers) {
        return Map.of("externalId", externalId, "phones",
                java.util.Arrays.stream(numbers).map(n -> Map.of("number", n, "type", "MOBILE")).toList());
    }

    public static ValidatableResponse upsert(String campaignId, List<Map<String, Object>> contacts) {
        return json().body(Map.of("contacts", contacts)).post("/v1/campaigns/" + campaignId + "/contacts").then();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Waits for an import job to leave QUEUED/RUNNING and returns its final state. */
    public static Map<String, Object> awaitImport(String importId) {
        return awaitJob("/v1/imports/" + importId);
    }

    /** Polls a background job (import, simulation) until it is COMPLETED or FAILED, for at most 60 s. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> awaitJob(String path) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Object> job = json().get(path).then().statusCode(200).extract().as(Map.class);
            String state = (String) job.get("state");
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(path + " did not finish in 60 s");
    }

    public static void isProblem(ValidatableResponse response, int status) {
        response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }
}
