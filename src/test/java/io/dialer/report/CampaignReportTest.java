package io.dialer.report;

import io.dialer.dialing.DialingOnProfile;
import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dialer.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a finished simulated campaign adds up, and reads as JSON, CSV and charts. */
@QuarkusTest
@TestProfile(DialingOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class CampaignReportTest {

    private static String campaign;

    /** Runs once, from the first test (RestAssured is not set up for the app in a static @BeforeAll). */
    @BeforeEach
    void runACampaignOnce() throws Exception {
        if (campaign != null) {
            return;
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("name", Api.unique("report"));
        settings.put("mode", "PREDICTIVE");
        settings.put("schedule", Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
                List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "09:00", "to", "20:00"))));
        settings.put("retries", Map.of("maxAttemptsPerContact", 1));
        settings.put("simulation", Map.of("timeScale", 300, "startAt", "2026-06-01T12:00:00Z", "seed", 11,
                "talkSeconds", Map.of("mean", 60, "cv", 0.5), "wrapSeconds", Map.of("mean", 10, "cv", 0.3)));
        String id = Api.createCampaign(settings);
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            contacts.add(Map.of("externalId", "r" + i, "timezone", "UTC", "phones",
                    List.of(Map.of("number", String.format("+1312730%04d", 1000 + i), "type", i % 3 == 0 ? "HOME" : "MOBILE"))));
        }
        Api.upsert(id, contacts).statusCode(200);
        for (int i = 0; i < 6; i++) {
            json().body(Map.of("name", "rep-" + i, "campaignIds", List.of(id), "simulated", true))
                    .post("/v1/agents").then().statusCode(201);
        }
        json().post("/v1/campaigns/" + id + "/start").then().statusCode(200);
        long deadline = System.currentTimeMillis() + 180_000;
        while (!"COMPLETED".equals(json().get("/v1/campaigns/" + id).then().extract().path("state"))) {
            assertTrue(System.currentTimeMillis() < deadline, "campaign did not complete");
            Thread.sleep(250);
        }
        campaign = id;
    }

    @Test
    void seriesAddUpToTheTotalsAndTheTotalsToTheAttempts() throws Exception {
        JsonPath report = json().queryParam("bucket", "hour").get("/v1/campaigns/" + campaign + "/report")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Long> attempts = attemptsByResult();
        long total = attempts.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(total, report.getLong("totals.attempts"));
        attempts.forEach((code, n) -> assertEquals(n, report.getLong("totals.attemptsByResult." + code), code));
        JsonPath wide = json().queryParam("from", "2026-06-01T10:00:00Z").queryParam("to", "2026-06-02T10:00:00Z")
                .get("/v1/campaigns/" + campaign + "/report").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> series = wide.getList("series");
        assertEquals(24, series.size(), "one bucket per hour of the range");
        assertEquals(total, series.stream().mapToLong(b -> ((Number) ((Map<?, ?>) b.get("figures")).get("attempts")).longValue()).sum());
        assertEquals(0L, ((Number) ((Map<?, ?>) series.get(0).get("figures")).get("attempts")).longValue(), "nothing before noon");

        double utilization = report.getDouble("totals.agentUtilization");
        assertTrue(utilization > 0.3 && utilization <= 1.0, "utilization " + utilization);
        assertTrue(report.getDouble("totals.liveAnswers") > 0);
        assertTrue(report.getDouble("totals.abandonRate") <= report.getDouble("maxAbandonRate") + 0.02);
        assertTrue(report.getLong("totals.contactsReached") > 0);
        assertEquals(count("SELECT count(*) FROM contact WHERE campaign_id = ?::uuid AND state = 'COMPLETED'"),
                report.getLong("totals.contactsCompleted"));

        List<Map<String, Object>> agents = report.getList("agents");
        assertEquals(6, agents.size());
        long agentCalls = agents.stream().mapToLong(a -> ((Number) a.get("calls")).longValue()).sum();
        assertEquals(count("SELECT count(*) FROM attempt WHERE campaign_id = ?::uuid AND connected_at IS NOT NULL"), agentCalls);
        agents.forEach(a -> assertTrue(((Number) a.get("loggedInSeconds")).doubleValue() > 0, "agent time " + a));

        List<String> types = report.getList("numberTypes.key");
        assertTrue(types.contains("MOBILE") && types.contains("HOME"), "types " + types);
        assertEquals(total, report.getList("trunks.attempts", Long.class).stream().mapToLong(Long::longValue).sum());

        JsonPath daily = json().queryParam("bucket", "day").get("/v1/campaigns/" + campaign + "/report")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, daily.getList("series").size());
        assertEquals(total, daily.getLong("totals.attempts"));
    }

    @Test
    void csvHasOneRowPerBucket() {
        JsonPath report = json().get("/v1/campaigns/" + campaign + "/report").then().statusCode(200).extract().jsonPath();
        String csv = json().accept("text/csv").get("/v1/campaigns/" + campaign + "/report").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("bucket_start,attempts,live_answers,abandoned,abandon_rate"), lines[0]);
        assertEquals(report.getList("series").size() + 1, lines.length);
        long sum = 0;
        for (int i = 1; i < lines.length; i++) {
            sum += Long.parseLong(lines[i].split(",")[1]);
        }
        assertEquals(report.getLong("totals.attempts"), sum);
    }

    @Test
    void drawsEachChartAsSvgAndPng() {
        for (String chart : List.of("progress", "results", "abandon", "utilization")) {
            String svg = json().accept("image/svg+xml").queryParam("chart", chart).get("/v1/campaigns/" + campaign + "/report")
                    .then().statusCode(200).contentType("image/svg+xml").extract().asString();
            assertTrue(svg.contains("<svg") && svg.contains("</svg>"), chart);
            byte[] png = json().accept("image/png").queryParam("chart", chart).queryParam("width", 640)
                    .queryParam("height", 400).get("/v1/campaigns/" + campaign + "/report")
                    .then().statusCode(200).contentType("image/png").extract().asByteArray();
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4), chart);
            assertTrue(png.length > 5_000, chart + " PNG has content: " + png.length);
            keep(chart + ".png", png);
        }
        String svg = json().accept("image/svg+xml").queryParam("chart", "abandon").get("/v1/campaigns/" + campaign + "/report")
                .then().extract().asString();
        assertTrue(new String(svg.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).contains("cap 3%"), "cap line");
    }

    @Test
    void badParametersAreReportedTogether() {
        io.restassured.response.ValidatableResponse bad = json().queryParam("bucket", "week").queryParam("from", "yesterday")
                .queryParam("timezone", "Mars/Base").get("/v1/campaigns/" + campaign + "/report").then();
        Api.isProblem(bad, 422);
        bad.body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("bucket", "from", "timezone"));
        Api.isProblem(json().queryParam("from", "2026-06-02T00:00:00Z").queryParam("to", "2026-06-01T00:00:00Z")
                .get("/v1/campaigns/" + campaign + "/report").then(), 422);
        Api.isProblem(json().queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/v1/campaigns/" + campaign + "/report").then(), 422);
        json().accept("image/png").queryParam("chart", "pie").queryParam("width", 10)
                .get("/v1/campaigns/" + campaign + "/report").then().statusCode(422);
        Api.isProblem(json().get("/v1/campaigns/0190a3c4-0000-7000-8000-000000000000/report").then(), 404);
    }

    @Test
    void aRangeWithNothingInItIsEmptyNotAnError() {
        JsonPath report = json().queryParam("from", "2030-01-01T00:00:00Z").queryParam("to", "2030-01-01T05:00:00Z")
                .get("/v1/campaigns/" + campaign + "/report").then().statusCode(200).extract().jsonPath();
        assertEquals(5, report.getList("series").size());
        assertEquals(0, report.getLong("totals.attempts"));
        assertNotNull(report.get("totals.outcomes"));
    }

    /** The charts stay in target/report-charts for a person to look at. */
    private static void keep(String name, byte[] content) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "report-charts");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Long> attemptsByResult() throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT result, count(*) FROM attempt WHERE campaign_id = ?::uuid "
                     + "AND state = 'ENDED' GROUP BY result")) {
            ps.setString(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, campaign);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
