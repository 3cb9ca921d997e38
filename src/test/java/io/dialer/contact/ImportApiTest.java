package io.dialer.contact;

import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class ImportApiTest {

    private static String postCsv(String campaign, String csv, String query) {
        return RestAssured.given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/v1/campaigns/" + campaign + "/imports" + query)
                .then().statusCode(202).extract().path("id");
    }

    private static List<Map<String, Object>> errors(String importId) {
        return json().queryParam("limit", 1000).get("/v1/imports/" + importId + "/errors").then().statusCode(200)
                .extract().path("items");
    }

    private static int contacts(String campaign) {
        return json().queryParam("limit", 1000).get("/v1/campaigns/" + campaign + "/contacts").then().statusCode(200)
                .extract().path("items.size()");
    }

    @Test
    void bareCsvMappedByHeaderNamesWithQuotedFieldsAndRowErrors() {
        String campaign = Api.createCampaign(Api.unique("csv"));
        String csv = "\uFEFFexternalId;firstName;lastName;mobile;home;segment\r\n"
                + "c1;Ada;\"Love;lace\";(312) 555-0142;;gold\r\n"
                + "c2;\"Multi\nLine\";Smith;312.555.0143;+44 20 7946 0958;silver\r\n"
                + "c3;Bad;Number;call me maybe;;\r\n"
                + "c4;Too;Few\r\n"
                + ";No;Id;+13125550144;;\r\n";
        String id = postCsv(campaign, csv, "");
        Map<String, Object> job = Api.awaitImport(id);
        assertEquals("COMPLETED", job.get("state"), job.toString());
        assertEquals(5, job.get("rowsRead"));
        assertEquals(2, job.get("rowsImported"));
        assertEquals(2, job.get("rowsCreated"));
        assertEquals(3, job.get("rowsRejected"));
        assertEquals(1.0f, ((Number) job.get("progress")).floatValue());
        List<Map<String, Object>> errors = errors(id);
        assertEquals(List.of(4, 5, 6), errors.stream().map(e -> e.get("rowNumber")).distinct().toList());
        assertEquals("phones[0].number", errors.get(0).get("field"));
        json().queryParam("externalId", "c2").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].firstName", equalTo("Multi\nLine"))
                .body("items[0].phones", hasSize(2))
                .body("items[0].attributes.segment", equalTo("silver"));
        json().queryParam("externalId", "c1").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].lastName", equalTo("Love;lace"));
    }

    @Test
    void multipartWithMappingOptionsAndDryRun() {
        String campaign = Api.createCampaign(Map.of("name", Api.unique("multi"), "dialing", Map.of("defaultRegion", "DE")));
        String csv = "id\tvorname\thandy\tfestnetz\tkunde\n"
                + "d1\tKlaus\t0151 23456789\t030 1234567\tA\n"
                + "d2\tPetra\t0171 2345678\t\tB\n";
        String options = "{\"mapping\": {\"externalId\": \"id\", \"firstName\": \"vorname\", "
                + "\"phones\": [{\"column\": \"handy\", \"type\": \"MOBILE\"}, {\"column\": \"festnetz\", \"type\": \"HOME\"}], "
                + "\"attributes\": [\"kunde\"]}, \"dryRun\": true}";
        String dry = RestAssured.given().multiPart("file", "list.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("options", options)
                .post("/v1/campaigns/" + campaign + "/imports").then().statusCode(202)
                .body("dryRun", equalTo(true)).extract().path("id");
        Map<String, Object> dryJob = Api.awaitImport(dry);
        assertEquals("COMPLETED", dryJob.get("state"));
        assertEquals(2, dryJob.get("rowsCreated"));
        assertEquals(0, contacts(campaign), "a dry run writes nothing");

        String real = RestAssured.given().multiPart("file", "list.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("options", options.replace("true", "false"))
                .post("/v1/campaigns/" + campaign + "/imports").then().statusCode(202).extract().path("id");
        assertEquals("COMPLETED", Api.awaitImport(real).get("state"));
        json().queryParam("externalId", "d1").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].phones[0].e164", equalTo("+4915123456789"))
                .body("items[0].phones[1].type", equalTo("HOME"))
                .body("items[0].attributes.kunde", equalTo("A"));
    }

    @Test
    void mappingProblemsAreReportedSynchronously() {
        String campaign = Api.createCampaign(Api.unique("mapping"));
        String options = "{\"mapping\": {\"externalId\": \"nope\", \"phones\": [{\"column\": \"missing\", \"type\": \"CELL\"}]}}";
        Api.isProblem(RestAssured.given().multiPart("file", "a.csv", "id,phone\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("options", options).post("/v1/campaigns/" + campaign + "/imports").then(), 422);
        Api.isProblem(RestAssured.given().contentType("text/csv").body("name,city\nA,B\n")
                .post("/v1/campaigns/" + campaign + "/imports").then(), 422);
        Api.isProblem(RestAssured.given().multiPart("file", "a.csv", "x".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("options", "{not json").post("/v1/campaigns/" + campaign + "/imports").then(), 400);
        Api.isProblem(RestAssured.given().contentType("text/csv").body("externalId,mobile\n1,+13125550100\n")
                .post("/v1/campaigns/" + campaign + "/imports?onDuplicate=merge").then(), 422);
        Api.isProblem(RestAssured.given().contentType("text/csv").body("")
                .post("/v1/campaigns/" + campaign + "/imports").then(), 422);
    }

    @Test
    void brokenFileFailsAndWritesNothing() {
        String campaign = Api.createCampaign(Api.unique("broken"));
        StringBuilder csv = new StringBuilder("externalId,mobile\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("ok-").append(i).append(",+1312555").append(String.format("%04d", i % 10000)).append('\n');
        }
        csv.append("bad,\"unterminated\n");
        String id = postCsv(campaign, csv.toString(), "");
        Map<String, Object> job = Api.awaitImport(id);
        assertEquals("FAILED", job.get("state"));
        assertTrue(((String) job.get("failure")).contains("5002"), job.toString());
        assertEquals(0, contacts(campaign));

        byte[] badUtf8 = "externalId,mobile\nx1,+13125550100\nx2,\u00ff+13125550101\n".getBytes(StandardCharsets.ISO_8859_1);
        String id2 = RestAssured.given().contentType("text/csv").body(badUtf8)
                .post("/v1/campaigns/" + campaign + "/imports").then().statusCode(202).extract().path("id");
        Map<String, Object> job2 = Api.awaitImport(id2);
        assertEquals("FAILED", job2.get("state"));
        assertTrue(((String) job2.get("failure")).contains("UTF-8"), job2.toString());
        assertEquals(0, contacts(campaign));
    }

    @Test
    void duplicatesFollowOnDuplicate() {
        String campaign = Api.createCampaign(Api.unique("dups"));
        postAndWait(campaign, "externalId,firstName,mobile\na,First,+13125550100\nb,B,+13125550101\n", "");
        // update (default): existing 'a' updated, in-file duplicate 'c' keeps its last row
        Map<String, Object> upd = postAndWait(campaign,
                "externalId,firstName,mobile\na,Second,+13125550100\nc,C1,+13125550102\nc,C2,+13125550102\n", "");
        assertEquals(1, upd.get("rowsCreated"));
        assertEquals(2, upd.get("rowsUpdated"));
        json().queryParam("externalId", "a").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].firstName", equalTo("Second"));
        json().queryParam("externalId", "c").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].firstName", equalTo("C2"));
        // skip: existing rows untouched
        Map<String, Object> skip = postAndWait(campaign, "externalId,firstName,mobile\na,Third,+13125550100\nd,D,+13125550103\n",
                "?onDuplicate=skip");
        assertEquals(1, skip.get("rowsCreated"));
        assertEquals(1, skip.get("rowsSkipped"));
        json().queryParam("externalId", "a").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].firstName", equalTo("Second"));
        // error: existing rows rejected with their row number
        Map<String, Object> err = postAndWait(campaign, "externalId,firstName,mobile\ne,E,+13125550104\nb,B2,+13125550101\n",
                "?onDuplicate=error");
        assertEquals(1, err.get("rowsCreated"));
        assertEquals(1, err.get("rowsRejected"));
        assertEquals(3, errors((String) err.get("id")).get(0).get("rowNumber"));
        assertEquals(5, contacts(campaign));
    }

    @Test
    void ndjsonBodyWithMalformedLines() {
        String campaign = Api.createCampaign(Api.unique("ndjson"));
        String body = "{\"externalId\": \"n1\", \"phones\": [{\"number\": \"+13125550150\", \"type\": \"HOME\"}], \"attributes\": {\"vip\": true}}\n"
                + "\n"
                + "{this is not json}\n"
                + "{\"externalId\": \"n2\", \"phones\": [{\"number\": \"+13125550151\"}], \"colour\": \"red\"}\n"
                + "{\"externalId\": \"n3\", \"phones\": [{\"number\": \"+13125550152\", \"type\": \"WORK\"}]}\n";
        String id = RestAssured.given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/campaigns/" + campaign + "/imports").then().statusCode(202).extract().path("id");
        Map<String, Object> job = Api.awaitImport(id);
        assertEquals("COMPLETED", job.get("state"), job.toString());
        assertEquals(2, job.get("rowsCreated"));
        assertEquals(2, job.get("rowsRejected"));
        List<Map<String, Object>> errors = errors(id);
        assertEquals(List.of(3, 4), errors.stream().map(e -> e.get("rowNumber")).toList());
        json().queryParam("externalId", "n1").get("/v1/campaigns/" + campaign + "/contacts").then()
                .body("items[0].attributes.vip", equalTo(true));
    }

    @Test
    void importsAreTenantScopedAndUnknownIdsAreNotFound() {
        Api.isProblem(json().get("/v1/imports/0190a000-0000-7000-8000-000000000000").then(), 404);
        Api.isProblem(RestAssured.given().contentType("text/csv").body("externalId,mobile\n1,+13125550100\n")
                .post("/v1/campaigns/0190a000-0000-7000-8000-000000000000/imports").then(), 404);
        Api.isProblem(RestAssured.given().contentType("application/pdf").body("x".getBytes(StandardCharsets.UTF_8))
                .post("/v1/campaigns/0190a000-0000-7000-8000-000000000000/imports").then(), 415);
    }

    @Test
    void idempotencyKeyReturnsTheSameJob() {
        String campaign = Api.createCampaign(Api.unique("idem-import"));
        byte[] csv = "externalId,mobile\ni1,+13125550160\n".getBytes(StandardCharsets.UTF_8);
        String key = Api.unique("import-key");
        String first = RestAssured.given().header("Idempotency-Key", key).contentType("text/csv").body(csv)
                .post("/v1/campaigns/" + campaign + "/imports").then().statusCode(202).extract().path("id");
        String again = RestAssured.given().header("Idempotency-Key", key).contentType("text/csv").body(csv)
                .post("/v1/campaigns/" + campaign + "/imports").then().statusCode(202)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again);
        Api.isProblem(RestAssured.given().header("Idempotency-Key", key).contentType("text/csv")
                .body("externalId,mobile\ni2,+13125550161\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/campaigns/" + campaign + "/imports").then(), 422);
        Api.awaitImport(first);
        assertEquals(1, contacts(campaign));
        json().get("/v1/campaigns/" + campaign + "/imports").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(first));
    }

    private static Map<String, Object> postAndWait(String campaign, String csv, String query) {
        Map<String, Object> job = Api.awaitImport(postCsv(campaign, csv, query));
        assertEquals("COMPLETED", job.get("state"), job.toString());
        return job;
    }
}
