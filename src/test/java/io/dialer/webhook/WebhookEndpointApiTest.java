package io.dialer.webhook;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoints API: create (secret shown once), read, list, merge patch, delete, validation, idempotency. */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class WebhookEndpointApiTest {

    private static final String BASE = "/v1/webhook-endpoints";
    private static final String LOCAL = "http://127.0.0.1:9/hooks";

    @Test
    void createShowsTheSecretOnceAndReadsNeverDo() {
        String id = json().body(Map.of("url", LOCAL, "eventTypes", List.of("attempt.completed", "outcome.recorded"),
                        "description", "CRM production"))
                .post(BASE).then().statusCode(201)
                .header("Location", containsString(BASE + "/"))
                .body("url", equalTo(LOCAL))
                .body("eventTypes", equalTo(List.of("attempt.completed", "outcome.recorded")))
                .body("enabled", equalTo(true))
                .body("description", equalTo("CRM production"))
                .body("disabledReason", nullValue())
                .body("failingSince", nullValue())
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("secret", startsWith("whsec_"))
                .extract().path("id");
        try {
            json().get(BASE + "/" + id).then().statusCode(200).body("id", equalTo(id)).body("$", not(hasKey("secret")));
            json().queryParam("limit", 1000).get(BASE).then().statusCode(200).body("items.id", hasItem(id))
                    .body("items.find { it.id == '" + id + "' }", not(hasKey("secret")));
        } finally {
            json().delete(BASE + "/" + id).then().statusCode(204);
        }
        Api.isProblem(json().get(BASE + "/" + id).then(), 404);
        Api.isProblem(json().delete(BASE + "/" + id).then(), 404);
    }

    @Test
    void secretsAreAtLeast24RandomBytes() {
        Map<String, String> e = WebhookTests.createEndpoint(LOCAL, List.of());
        try {
            assertTrue(Base64.getDecoder().decode(e.get("secret").substring("whsec_".length())).length >= 24);
        } finally {
            WebhookTests.deleteEndpoint(e.get("id"));
        }
    }

    @Test
    void everyBadFieldIsListed() {
        Map<String, Object> body = new HashMap<>();
        body.put("url", "ftp://crm.example.com/hooks");
        body.put("eventTypes", List.of("attempt.completed", "no.such.type"));
        body.put("description", "x".repeat(501));
        Api.isProblem(json().body(body).post(BASE).then()
                .body("errors.field", containsInAnyOrder("url", "eventTypes[1]", "description"))
                .body("errors.find { it.field == 'url' }.code", equalTo("invalid_url")), 422);
        Api.isProblem(json().body(Map.of()).post(BASE).then().body("errors[0].field", equalTo("url"))
                .body("errors[0].code", equalTo("required")), 422);
        Api.isProblem(json().body(Map.of("url", LOCAL, "secret", "whsec_mine")).post(BASE).then(), 400);
    }

    @Test
    void privateTargetsAreRefused() {
        for (String url : List.of("http://10.0.0.7/hooks", "http://192.168.1.1/hooks", "http://169.254.169.254/latest/meta-data",
                "http://[fd00:ec2::254]/", "http://[fe80::1]/hooks")) {
            Api.isProblem(json().body(Map.of("url", url)).post(BASE).then()
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].code", equalTo("private_target")), 422);
        }
        // with authentication off, a developer may point it at a local receiver
        String id = json().body(Map.of("url", "http://localhost:8081/hooks")).post(BASE).then().statusCode(201).extract().path("id");
        WebhookTests.deleteEndpoint(id);
    }

    @Test
    void mergePatchChangesTheGivenFieldsOnly() {
        String id = WebhookTests.createEndpoint(LOCAL, List.of("attempt.completed")).get("id");
        String path = BASE + "/" + id;
        try {
            json().contentType("application/merge-patch+json").body(Map.of("description", "renamed")).patch(path).then()
                    .statusCode(200)
                    .body("description", equalTo("renamed"))
                    .body("url", equalTo(LOCAL))
                    .body("eventTypes", equalTo(List.of("attempt.completed")))
                    .body("$", not(hasKey("secret")));
            Map<String, Object> clear = new HashMap<>();
            clear.put("eventTypes", null);
            clear.put("description", null);
            clear.put("url", "http://127.0.0.1:10/other");
            json().body(clear).patch(path).then().statusCode(200)
                    .body("eventTypes", equalTo(List.of()))
                    .body("description", nullValue())
                    .body("url", equalTo("http://127.0.0.1:10/other"));
            json().body(Map.of("enabled", false)).patch(path).then().statusCode(200).body("enabled", equalTo(false));
            json().body(Map.of("enabled", true)).patch(path).then().statusCode(200).body("enabled", equalTo(true));

            Map<String, Object> bad = new HashMap<>();
            bad.put("url", "not a url");
            bad.put("eventTypes", List.of("nope"));
            bad.put("enabled", "yes");
            bad.put("id", "x");
            bad.put("secret", "whsec_x");
            bad.put("disabledReason", "x");
            Api.isProblem(json().body(bad).patch(path).then().body("errors.field",
                    containsInAnyOrder("url", "eventTypes[0]", "enabled", "id", "secret", "disabledReason")), 422);
            Api.isProblem(json().body(Map.of("colour", "blue")).patch(path).then()
                    .body("errors[0].code", equalTo("unknown_field")), 400);
            Api.isProblem(json().body(Map.of("description", "x")).patch(BASE + "/" + java.util.UUID.randomUUID()).then(), 404);
            Api.isProblem(json().body(Map.of("description", "x")).patch(BASE + "/not-an-id").then(), 404);
        } finally {
            WebhookTests.deleteEndpoint(id);
        }
    }

    @Test
    void createIsIdempotentWithAKey() {
        String key = Api.unique("wh-key");
        String first = json().header("Idempotency-Key", key).body(Map.of("url", LOCAL)).post(BASE).then().statusCode(201)
                .extract().path("id");
        try {
            json().header("Idempotency-Key", key).body(Map.of("url", LOCAL)).post(BASE).then().statusCode(201)
                    .header("Idempotent-Replayed", "true").body("id", equalTo(first));
            Api.isProblem(json().header("Idempotency-Key", key).body(Map.of("url", "http://127.0.0.1:11/x")).post(BASE).then(), 422);
        } finally {
            WebhookTests.deleteEndpoint(first);
        }
    }

    @Test
    void replaysAreValidated() {
        String id = WebhookTests.createEndpoint(LOCAL, List.of()).get("id");
        String path = BASE + "/" + id + "/replays";
        try {
            Instant now = Instant.now();
            Api.isProblem(json().body(Map.of()).post(path).then()
                    .body("errors.field", containsInAnyOrder("from", "to")), 422);
            Api.isProblem(json().body(Map.of("from", now.toString(), "to", now.minusSeconds(60).toString(),
                    "types", List.of("bogus"))).post(path).then()
                    .body("errors.field", containsInAnyOrder("to", "types[0]")), 422);
            Api.isProblem(json().body(Map.of("from", now.minus(Duration.ofDays(31)).toString(), "to", now.toString()))
                    .post(path).then().body("errors[0].field", equalTo("from"))
                    .body("errors[0].code", equalTo("out_of_range")), 422);
            Api.isProblem(json().body(Map.of("from", "yesterday", "to", now.toString())).post(path).then()
                    .body("errors[0].field", equalTo("from")), 422);
            json().body(Map.of("from", "2020-01-01T00:00:00+02:00", "to", "2020-01-02T00:00:00Z")).post(path).then()
                    .statusCode(422);
            json().body(Map.of("from", now.minusSeconds(3600).toString(), "to", now.toString())).post(path).then()
                    .statusCode(202).body("count", notNullValue());
            Api.isProblem(json().body(Map.of("from", now.minusSeconds(3600).toString(), "to", now.toString()))
                    .post(BASE + "/" + java.util.UUID.randomUUID() + "/replays").then(), 404);
        } finally {
            WebhookTests.deleteEndpoint(id);
        }
    }

    @Test
    void theDeliveryLogPagesWithACursor() {
        String id = WebhookTests.createEndpoint(LOCAL, List.of()).get("id");
        String path = BASE + "/" + id;
        try {
            for (int i = 0; i < 3; i++) {
                json().post(path + "/test").then().statusCode(202).body("eventId", notNullValue());
            }
            // port 9 refuses connections: every attempt is logged as a failure
            TestReceiver.await("3 attempts", Duration.ofSeconds(20), () -> ((List<?>) json().queryParam("limit", 100)
                    .get(path + "/deliveries").then().extract().path("items")).size() >= 3);
            String cursor = json().queryParam("limit", 2).get(path + "/deliveries").then().statusCode(200)
                    .body("items.size()", equalTo(2)).extract().path("nextCursor");
            assertNotNull(cursor);
            List<String> firstPage = json().queryParam("limit", 2).get(path + "/deliveries").then().extract().path("items.id");
            List<String> secondPage = json().queryParam("limit", 2).queryParam("cursor", cursor).get(path + "/deliveries").then()
                    .statusCode(200).extract().path("items.id");
            assertTrue(Long.parseLong(secondPage.get(0)) < Long.parseLong(firstPage.get(1)), "newest first");
            Api.isProblem(json().queryParam("cursor", "garbage").get(path + "/deliveries").then(), 422);
            Api.isProblem(json().queryParam("eventId", "nope").get(path + "/deliveries").then(), 422);
            assertEquals(0, ((List<?>) json().queryParam("eventId", java.util.UUID.randomUUID().toString())
                    .get(path + "/deliveries").then().statusCode(200).extract().path("items")).size());
        } finally {
            WebhookTests.deleteEndpoint(id);
        }
    }
}
