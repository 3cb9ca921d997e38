package io.dialer.notification;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The campaign's {@code fallback} settings: defaults, round trip, patching and every-bad-field validation. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class FallbackSettingsTest {

    private static Map<String, Object> campaign(Object fallback) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", Api.unique("fallback"));
        body.put("fallback", fallback);
        return body;
    }

    @Test
    void absentMeansNoFallback() {
        String id = Api.createCampaign(Api.unique("no-fallback"));
        json().get("/v1/campaigns/" + id).then().statusCode(200).body("fallback", nullValue());
    }

    @Test
    void storesTheTemplatesAndDefaultsOnExhausted() {
        Map<String, Object> fallback = Map.of(
                "resultCodes", List.of("NUMBER_NOT_IN_SERVICE"),
                "email", Map.of("to", "{{email}}", "subject", "We missed you", "body", "Hello {{firstName}}"),
                "sms", Map.of("to", "{{phone}}", "body", "Hi {{firstName}}, call us back"));
        String id = Api.createCampaign(campaign(fallback));
        json().get("/v1/campaigns/" + id).then().statusCode(200)
                .body("fallback.onExhausted", equalTo(true))
                .body("fallback.resultCodes", equalTo(List.of("NUMBER_NOT_IN_SERVICE")))
                .body("fallback.email.to", equalTo("{{email}}"))
                .body("fallback.email.subject", equalTo("We missed you"))
                .body("fallback.sms.body", equalTo("Hi {{firstName}}, call us back"));

        // a fallback without channels only records the event (for the CRM's own messaging)
        String eventOnly = Api.createCampaign(campaign(Map.of("onExhausted", false, "resultCodes", List.of("INVALID_NUMBER"))));
        json().get("/v1/campaigns/" + eventOnly).then().statusCode(200)
                .body("fallback.onExhausted", equalTo(false))
                .body("fallback.email", nullValue());
    }

    @Test
    void patchChangesAndRemovesIt() {
        String id = Api.createCampaign(Api.unique("patched"));
        json().body(Map.of("fallback", Map.of("sms", Map.of("to", "+447700900123", "body", "Call us"))))
                .patch("/v1/campaigns/" + id).then().statusCode(200)
                .body("fallback.onExhausted", equalTo(true))
                .body("fallback.sms.to", equalTo("+447700900123"));
        json().body(Map.of("fallback", Map.of("sms", Map.of("body", "Call us soon"))))
                .patch("/v1/campaigns/" + id).then().statusCode(200)
                .body("fallback.sms.to", equalTo("+447700900123"))
                .body("fallback.sms.body", equalTo("Call us soon"));
        Map<String, Object> remove = new HashMap<>();
        remove.put("fallback", null);
        json().body(remove).patch("/v1/campaigns/" + id).then().statusCode(200).body("fallback", nullValue());
        json().body(Map.of("fallback", Map.of("resultCodes", List.of("NOPE"))))
                .patch("/v1/campaigns/" + id).then().statusCode(422)
                .body("errors.field", equalTo(List.of("fallback.resultCodes[0]")));
    }

    @Test
    void reportsEveryBadField() {
        Map<String, Object> fallback = Map.of(
                "resultCodes", List.of("NOT_A_CODE", "BUSY", "BUSY"),
                "email", Map.of("to", "not-an-address", "subject", "Hi {{firstName", "body", " "),
                "sms", Map.of("to", "12345", "body", "x".repeat(1601)));
        ValidatableResponse r = json().body(campaign(fallback)).post("/v1/campaigns").then();
        Api.isProblem(r, 422);
        r.body("errors", hasSize(7))
                .body("errors.field", containsInAnyOrder("fallback.resultCodes[0]", "fallback.resultCodes[2]",
                        "fallback.email.to", "fallback.email.subject", "fallback.email.body", "fallback.sms.to",
                        "fallback.sms.body"))
                .body("errors.find { it.field == 'fallback.resultCodes[0]' }.code", equalTo("unknown_result_code"))
                .body("errors.find { it.field == 'fallback.resultCodes[2]' }.code", equalTo("duplicate"))
                .body("errors.find { it.field == 'fallback.email.to' }.code", equalTo("invalid_email"))
                .body("errors.find { it.field == 'fallback.email.subject' }.code", equalTo("invalid_template"))
                .body("errors.find { it.field == 'fallback.email.body' }.code", equalTo("required"))
                .body("errors.find { it.field == 'fallback.sms.to' }.code", equalTo("invalid_number"))
                .body("errors.find { it.field == 'fallback.sms.body' }.code", equalTo("too_long"));
    }

    @Test
    void requiresEachChannelsFields() {
        ValidatableResponse r = json().body(campaign(Map.of("email", Map.of(), "sms", Map.of())))
                .post("/v1/campaigns").then();
        Api.isProblem(r, 422);
        r.body("errors.field", containsInAnyOrder("fallback.email.to", "fallback.email.subject", "fallback.email.body",
                "fallback.sms.to", "fallback.sms.body"));
        json().body(campaign(Map.of("email", Map.of("to", "{{email}}", "subject", "Two\nlines", "body", "b"))))
                .post("/v1/campaigns").then().statusCode(422)
                .body("errors.field", equalTo(List.of("fallback.email.subject")))
                .body("errors[0].code", equalTo("invalid_value"));
        json().body(campaign(Map.of("onExhausted", "sometimes"))).post("/v1/campaigns").then().statusCode(422)
                .body("errors[0].field", equalTo("fallback.onExhausted"));
    }
}
