package io.dialer.contact;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class DncAndNumberStatusTest {

    @Test
    void dncAddGetListDelete() {
        json().body(Map.of("numbers", List.of("+1 (415) 555-0101", "garbage", "+14155550102"), "reason", "asked"))
                .post("/v1/dnc").then().statusCode(200)
                .body("results[0].status", equalTo("added"))
                .body("results[0].e164", equalTo("+14155550101"))
                .body("results[1].status", equalTo("rejected"))
                .body("results[1].errors[0].field", equalTo("numbers[1]"));
        json().body(Map.of("numbers", List.of("+14155550101"))).post("/v1/dnc").then().statusCode(200)
                .body("results[0].status", equalTo("exists"));
        json().get("/v1/dnc/+14155550101").then().statusCode(200).body("reason", equalTo("asked"))
                .body("source", equalTo("API"));
        json().queryParam("limit", 1000).get("/v1/dnc").then().statusCode(200).body("items.e164", hasItem("+14155550102"));
        String campaign = Api.createCampaign(Api.unique("dnc"));
        Api.upsert(campaign, List.of(Api.contact("dnc-1", "+14155550102"))).statusCode(200);
        json().queryParam("externalId", "dnc-1").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].phones[0].dnc", equalTo(true));
        json().delete("/v1/dnc/+14155550101").then().statusCode(204);
        Api.isProblem(json().get("/v1/dnc/+14155550101").then(), 404);
        Api.isProblem(json().delete("/v1/dnc/+14155550101").then(), 404);
        Api.isProblem(json().body(Map.of("numbers", List.of())).post("/v1/dnc").then(), 422);
    }

    @Test
    void numberStatusReadsAndWrites() {
        json().get("/v1/phone-numbers/+13125550142").then().statusCode(200).body("status", equalTo("VALID"))
                .body("region", equalTo("US"));
        json().body(Map.of("status", "OUTDATED")).put("/v1/phone-numbers/+13125550143").then().statusCode(200)
                .body("status", equalTo("OUTDATED"));
        json().queryParam("status", "OUTDATED").get("/v1/phone-numbers").then().statusCode(200)
                .body("items.e164", hasItem("+13125550143"));
        Api.isProblem(json().body(Map.of("status", "DEAD")).put("/v1/phone-numbers/+13125550143").then(), 422);
        Api.isProblem(json().get("/v1/phone-numbers/12345").then(), 404);
        json().body(Map.of("status", "VALID")).put("/v1/phone-numbers/+13125550143").then().statusCode(200);
        json().queryParam("status", "OUTDATED").get("/v1/phone-numbers").then().statusCode(200)
                .body("items.findAll { it.e164 == '+13125550143' }", hasSize(0));
    }
}
