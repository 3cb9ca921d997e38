package io.dialer.contact;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ContactApiTest {

    @Test
    void upsertsByExternalIdWithAResultPerItem() {
        String campaign = Api.createCampaign(Api.unique("contacts"));
        Map<String, Object> full = Map.of(
                "externalId", "crm-1", "firstName", "Ada", "lastName", "Lovelace",
                "phones", List.of(Map.of("number", "(312) 555-0142", "type", "MOBILE"),
                        Map.of("number", "+44 20 7946 0958", "type", "WORK")),
                "priority", 5, "dialAfter", "2026-12-01T09:00:00Z", "expiresAt", "2026-12-31T00:00:00Z",
                "attributes", Map.of("plan", "gold", "balance", 12.5),
                "windows", List.of(Map.of("days", List.of("SAT"), "from", "10:00", "to", "12:00")));
        Api.upsert(campaign, List.of(full, Api.contact("crm-2", "not a number"), Api.contact("", "+13125550100")))
                .statusCode(200)
                .body("created", equalTo(1)).body("rejected", equalTo(2))
                .body("results[0].status", equalTo("created"))
                .body("results[0].id", notNullValue())
                .body("results[1].status", equalTo("rejected"))
                .body("results[1].errors[0].field", equalTo("contacts[1].phones[0].number"))
                .body("results[2].errors.field", hasItem("contacts[2].externalId"));
        Api.upsert(campaign, List.of(Api.contact("crm-1", "+1 312 555 0142"))).statusCode(200)
                .body("updated", equalTo(1)).body("results[0].status", equalTo("updated"));

        String id = json().queryParam("externalId", "crm-1").get("/v1/campaigns/" + campaign + "/contacts")
                .then().statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
        json().get("/v1/campaigns/" + campaign + "/contacts/" + id).then().statusCode(200)
                .body("externalId", equalTo("crm-1"))
                .body("state", equalTo("PENDING"))
                .body("attemptCount", equalTo(0))
                .body("phones[0].e164", equalTo("+13125550142"))
                .body("phones[0].region", equalTo("US"))
                .body("phones[0].numberType", equalTo("FIXED_LINE_OR_MOBILE"))
                .body("phones[0].timezones", contains("America/Chicago"))
                .body("phones[0].status", equalTo("VALID"))
                .body("timezones", contains("America/Chicago"));
    }

    @Test
    void explicitTimezoneWinsAndFactsAreReturned() {
        String campaign = Api.createCampaign(Map.of("name", Api.unique("tz"), "dialing", Map.of("defaultRegion", "GB")));
        Api.upsert(campaign, List.of(Map.of("externalId", "uk-1", "timezone", "Europe/Dublin",
                "phones", List.of(Map.of("number", "07400 123456", "type", "MOBILE"))))).statusCode(200)
                .body("created", equalTo(1));
        json().queryParam("externalId", "uk-1").get("/v1/campaigns/" + campaign + "/contacts").then().statusCode(200)
                .body("items[0].phones[0].e164", equalTo("+447400123456"))
                .body("items[0].phones[0].numberType", equalTo("MOBILE"))
                .body("items[0].timezones", contains("Europe/Dublin"));
    }

    @Test
    void listsByStateWithCursorAndCancels() {
        String campaign = Api.createCampaign(Api.unique("paging"));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(Api.contact("p-" + i, "+1312555" + String.format("%04d", 1000 + i)));
        }
        Api.upsert(campaign, batch).statusCode(200).body("created", equalTo(7));
        String cursor = json().queryParam("limit", 5).get("/v1/campaigns/" + campaign + "/contacts").then()
                .statusCode(200).body("items", hasSize(5)).extract().path("nextCursor");
        String id = json().queryParam("limit", 5).queryParam("cursor", cursor).get("/v1/campaigns/" + campaign + "/contacts")
                .then().statusCode(200).body("items", hasSize(2)).body("nextCursor", nullValue())
                .extract().path("items[0].id");
        json().delete("/v1/campaigns/" + campaign + "/contacts/" + id).then().statusCode(204);
        json().queryParam("state", "CANCELLED").get("/v1/campaigns/" + campaign + "/contacts").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].nextDialAt", nullValue());
        Api.isProblem(json().queryParam("state", "SLEEPING").get("/v1/campaigns/" + campaign + "/contacts").then(), 422);
    }

    @Test
    void patchCorrectsAContact() {
        String campaign = Api.createCampaign(Api.unique("patch"));
        String id = Api.upsert(campaign, List.of(Api.contact("fix-1", "+13125550111"))).statusCode(200)
                .extract().path("results[0].id");
        json().body(Map.of("firstName", "Grace", "phones", List.of(Map.of("number", "+13125550199", "type", "HOME"))))
                .patch("/v1/campaigns/" + campaign + "/contacts/" + id).then().statusCode(200)
                .body("firstName", equalTo("Grace")).body("phones[0].e164", equalTo("+13125550199"));
        Api.isProblem(json().body(Map.of("externalId", "other"))
                .patch("/v1/campaigns/" + campaign + "/contacts/" + id).then(), 422);
        Api.isProblem(json().body(Map.of("timezone", "Nowhere/City"))
                .patch("/v1/campaigns/" + campaign + "/contacts/" + id).then(), 422);
    }

    @Test
    void batchLimitsAreEnforced() {
        String campaign = Api.createCampaign(Api.unique("limits"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Api.contact("x-" + i, "+13125550100"));
        }
        Api.isProblem(Api.upsert(campaign, tooMany), 422);
        Api.isProblem(Api.upsert(campaign, List.of()), 422);
        json().queryParam("limit", 1).get("/v1/campaigns/" + campaign + "/contacts").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void invalidNumbersStayInvalidAcrossReimports() {
        String campaign = Api.createCampaign(Api.unique("dead"));
        json().body(Map.of("status", "INVALID", "reason", "disconnected")).put("/v1/phone-numbers/+13125550177")
                .then().statusCode(200).body("status", equalTo("INVALID"));
        Api.upsert(campaign, List.of(Api.contact("dead-1", "312-555-0177"))).statusCode(200)
                .body("results[0].status", equalTo("created"))
                .body("results[0].warnings[0].code", equalTo("number_invalid"));
        json().queryParam("externalId", "dead-1").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].phones[0].status", equalTo("INVALID"));
        json().get("/v1/phone-numbers/+13125550177").then().statusCode(200).body("status", equalTo("INVALID"))
                .body("reason", equalTo("disconnected"));
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    private static final List<String> ALL_DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    @Test
    void dialabilityExplainsWhyAndUntilWhen() {
        // open all day, every day: dialable as soon as the campaign runs
        String open = Api.createCampaign(Map.of("name", Api.unique("open"),
                "schedule", Map.of("windows", List.of(Map.of("days", ALL_DAYS, "from", "00:00", "to", "24:00")))));
        // the contact lives where it is midday now, so the legal hours (08:00-21:00 local) never get in the way
        String id = Api.upsert(open, List.of(Map.of("externalId", "d-1", "timezone", zoneAtMiddayNow(), "phones",
                List.of(Map.of("number", "+13125550180", "type", "MOBILE"))))).statusCode(200).extract().path("results[0].id");
        json().get("/v1/campaigns/" + open + "/contacts/" + id).then().statusCode(200)
                .body("dialability.dialable", equalTo(false))
                .body("dialability.reasons.code", hasItem("CAMPAIGN_NOT_RUNNING"));
        json().post("/v1/campaigns/" + open + "/start").then().statusCode(200);
        json().get("/v1/campaigns/" + open + "/contacts/" + id).then().statusCode(200)
                .body("dialability.dialable", equalTo(true));

        // a one-minute window far from now in Chicago: outside the window, until its next opening, named in local time
        java.time.LocalTime chicagoNow = java.time.LocalTime.now(java.time.ZoneId.of("America/Chicago"));
        // (inside the legal 08:00-21:00, and never the current minute, whenever the test runs)
        java.time.LocalTime from = chicagoNow.isAfter(java.time.LocalTime.of(9, 0))
                && chicagoNow.isBefore(java.time.LocalTime.of(11, 0)) ? java.time.LocalTime.of(15, 0) : java.time.LocalTime.of(10, 0);
        String narrow = Api.createCampaign(Map.of("name", Api.unique("narrow"), "schedule", Map.of("windows",
                List.of(Map.of("days", ALL_DAYS, "from", from.toString(), "to", from.plusMinutes(1).toString())))));
        json().post("/v1/campaigns/" + narrow + "/start").then().statusCode(200);
        String late = Api.upsert(narrow, List.of(Api.contact("d-2", "+13125550181"))).statusCode(200)
                .extract().path("results[0].id");
        json().get("/v1/campaigns/" + narrow + "/contacts/" + late).then().statusCode(200)
                .body("dialability.dialable", equalTo(false))
                .body("dialability.reasons[0].code", equalTo("OUTSIDE_WINDOW"))
                .body("dialability.reasons[0].message", org.hamcrest.Matchers.containsString("America/Chicago"))
                .body("dialability.reasons[0].until", notNullValue());

        // a number on the do-not-call list is never dialled
        json().body(Map.of("numbers", List.of("+13125550182"))).post("/v1/dnc").then().statusCode(200);
        String blocked = Api.upsert(open, List.of(Api.contact("d-3", "+13125550182"))).statusCode(200)
                .extract().path("results[0].id");
        json().get("/v1/campaigns/" + open + "/contacts/" + blocked).then().statusCode(200)
                .body("dialability.dialable", equalTo(false))
                .body("dialability.reasons.code", hasItem("DNC"));
    }

    /** An IANA zone (Etc/GMT±N, whose sign is inverted) where the local time is now between 11:00 and 13:00. */
    private static String zoneAtMiddayNow() {
        int hours = 12 - java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour();
        if (hours > 14) {
            hours -= 24;
        } else if (hours < -12) {
            hours += 24;
        }
        return hours == 0 ? "Etc/GMT" : "Etc/GMT" + (hours > 0 ? "-" + hours : "+" + -hours);
    }

    @Test
    void deletingACampaignDeletesItsContacts() throws Exception {
        String campaign = Api.createCampaign(Api.unique("gone"));
        Api.upsert(campaign, List.of(Api.contact("g-1", "+13125550170"), Api.contact("g-2", "+13125550171")))
                .statusCode(200).body("created", equalTo(2));
        json().delete("/v1/campaigns/" + campaign).then().statusCode(204);
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM contact WHERE campaign_id = ?::uuid")) {
            ps.setString(1, campaign);
            try (var rs = ps.executeQuery()) {
                rs.next();
                org.junit.jupiter.api.Assertions.assertEquals(0, rs.getInt(1));
            }
        }
    }

    @Test
    void stoppedCampaignsTakeNoContacts() {
        String campaign = Api.createCampaign(Api.unique("stopped"));
        json().post("/v1/campaigns/" + campaign + "/stop").then().statusCode(200);
        Api.isProblem(Api.upsert(campaign, List.of(Api.contact("late", "+13125550100"))), 409);
    }
}
