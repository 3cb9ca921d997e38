package io.dialer.dialing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.support.Api;
import io.dialer.support.PostgresTestResource;
import io.dialer.telephony.asterisk.AmiMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.dialer.dialing.DialingFixtures.awaitState;
import static io.dialer.dialing.DialingFixtures.campaign;
import static io.dialer.dialing.DialingFixtures.simulatedAgents;
import static io.dialer.dialing.DialingFixtures.simulation;
import static io.dialer.dialing.DialingFixtures.start;
import static io.dialer.support.Api.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /q/metrics after a short simulated campaign: attempts by result match the database, the loop's gauges show while it
 * runs and go when it ends, import rows and the webhook backlog are exported, readiness includes the database, and the
 * Grafana dashboard queries only metrics the service exports.
 */
@QuarkusTest
@TestProfile(DialingOnProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class MetricsTest {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern METRIC_NAME = Pattern.compile("dialer_[a-z0-9_]+");
    private static final Path DASHBOARD = Path.of("k8s/grafana/dialer-dashboard.json");

    /** One sample of the Prometheus text format. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    @Test
    void campaignMetricsMatchTheDatabaseAndTheDashboardQueriesOnlyExportedMetrics() throws Exception {
        String id = campaign("PROGRESSIVE", Map.of(
                "schedule", Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
                        List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "08:00", "to", "21:00"))),
                "retries", Map.of("maxAttemptsPerContact", 1),
                "simulation", simulation(300, Map.of())));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            contacts.add(Map.of("externalId", "m" + i, "timezone", "Europe/London",
                    "phones", List.of(Map.of("number", String.format("+1312%03d%04d", 500, 1000 + i), "type", "MOBILE"))));
        }
        upsert(id, contacts).statusCode(200);
        simulatedAgents(id, 5);
        start(id);

        // while the loop runs: its gauges, tagged with the campaign
        Set<String> exported = new TreeSet<>();
        List<Sample> running = List.of();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            running = scrape();
            if (!of(running, "dialer_lines_in_flight", id).isEmpty() && sum(of(running, "dialer_agents", id)) == 5) {
                break;
            }
            Thread.sleep(100);
        }
        running.forEach(s -> exported.add(s.name()));
        for (String gauge : List.of("dialer_lines_in_flight", "dialer_dial_level", "dialer_agent_utilization",
                "dialer_abandon_rate", "dialer_abandon_rate_cap")) {
            assertEquals(1, of(running, gauge, id).size(), gauge + " of the running campaign: " + of(running, gauge, id));
        }
        assertEquals(0.03, of(running, "dialer_abandon_rate_cap", id).get(0).value(), 1e-9, "the default cap");
        Set<String> states = new HashSet<>();
        of(running, "dialer_agents", id).forEach(s -> states.add(s.labels().get("state")));
        assertTrue(states.containsAll(Set.of("READY", "RESERVED", "ON_CALL", "WRAP_UP", "PAUSED")), "agents by state: " + states);
        assertEquals(5, sum(of(running, "dialer_agents", id)), "the campaign's 5 agents");

        awaitState(id, "COMPLETED", 240);

        // attempts by result: the counters equal the database, attempt by attempt
        Map<String, Long> inDb = attemptsByResult(id);
        assertFalse(inDb.isEmpty());
        List<Sample> after = scrape();
        Map<String, Long> inMetrics = new TreeMap<>();
        of(after, "dialer_attempts_total", id).forEach(s -> inMetrics.put(s.labels().get("result"), (long) s.value()));
        assertEquals(inDb, inMetrics, "dialer_attempts_total by result = attempts in the database");
        long live = inDb.getOrDefault("CONNECTED", 0L) + inDb.getOrDefault("CUSTOMER_HANGUP_BEFORE_CONNECT", 0L)
                + inDb.getOrDefault("ABANDONED", 0L);
        assertTrue(live > 50, "people answered: " + inDb);
        assertEquals(live, (long) sum(of(after, "dialer_live_answers_total", id)), "live answers");
        assertEquals(inDb.getOrDefault("ABANDONED", 0L), (long) sum(of(after, "dialer_abandons_total", id)), "abandons");

        // the webhook backlog: a number (refreshed every 5 s), and failures counted
        deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && Double.isNaN(value(after, "dialer_webhook_backlog"))) {
            Thread.sleep(250);
            after = scrape();
        }
        assertTrue(value(after, "dialer_webhook_backlog") >= 0, "webhook backlog gauge: " + value(after, "dialer_webhook_backlog"));
        assertTrue(value(after, "dialer_webhook_delivery_failures_total") >= 0);

        // the loop ended: its gauges went, its counters stay for the retention time
        deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && !of(after, "dialer_lines_in_flight", id).isEmpty()) {
            Thread.sleep(100);
            after = scrape();
        }
        assertTrue(of(after, "dialer_lines_in_flight", id).isEmpty(), "gauges removed when the loop ends");
        assertTrue(of(after, "dialer_agents", id).isEmpty(), "agents gauges removed when the loop ends");
        assertFalse(of(after, "dialer_attempts_total", id).isEmpty(), "counters kept for the last scrapes");

        // import rows: imported and rejected, as the job reports them
        double importedBefore = importRows(after, "imported");
        double rejectedBefore = importRows(after, "rejected");
        String target = Api.createCampaign(Api.unique("metrics-import"));
        String importId = RestAssured.given().contentType("text/csv")
                .body("externalId,mobile\ni1,+13125550101\ni2,+13125550102\ni3,not a number\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/campaigns/" + target + "/imports").then().statusCode(202).extract().path("id");
        Map<String, Object> job = Api.awaitImport(importId);
        assertEquals("COMPLETED", job.get("state"), "import: " + job);
        List<Sample> imported = scrape();
        long created = ((Number) job.get("rowsCreated")).longValue() + ((Number) job.get("rowsUpdated")).longValue();
        long rejected = ((Number) job.get("rowsRejected")).longValue();
        assertEquals(2, created, "import: " + job);
        assertEquals(1, rejected, "import: " + job);
        assertEquals(importedBefore + created, importRows(imported, "imported"), 1e-9);
        assertEquals(rejectedBefore + rejected, importRows(imported, "rejected"), 1e-9);
        after.forEach(s -> exported.add(s.name()));
        imported.forEach(s -> exported.add(s.name()));

        // the dashboard: valid JSON, and every metric it queries is exported (AMI gauges only with Asterisk: derived
        // from the same binder on a Prometheus registry)
        PrometheusMeterRegistry asterisk = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AmiMetrics.bind(asterisk, () -> Map.of("pbx-1", true));
        parse(asterisk.scrape()).forEach(s -> exported.add(s.name()));
        assertEquals(1.0, value(parse(asterisk.scrape()), "dialer_ami_connected"));
        Set<String> queried = dashboardMetrics();
        assertTrue(queried.size() >= 12, "dashboard queries: " + queried);
        Set<String> unknown = new TreeSet<>(queried);
        unknown.removeAll(exported);
        assertTrue(unknown.isEmpty(), "dashboard queries metrics the service does not export: " + unknown
                + "; exported: " + exported.stream().filter(n -> n.startsWith("dialer_")).toList());
    }

    @Test
    void readinessIncludesTheDatabase() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.status",
                        org.hamcrest.Matchers.equalTo("UP"));
    }

    // ---------------------------------------------------------------- helpers

    static Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertTrue(dashboard.path("panels").isArray() && dashboard.path("panels").size() >= 9, "panels");
        Set<String> names = new TreeSet<>();
        collect(dashboard, names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher m = METRIC_NAME.matcher(node.asText());
            while (m.find()) {
                names.add(m.group());
            }
        }
        node.forEach(child -> collect(child, names));
    }

    private static List<Sample> scrape() {
        return parse(RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
            Map<String, String> labels = new HashMap<>();
            if (brace >= 0 && brace < space) {
                Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
            }
            out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return out;
    }

    private static List<Sample> of(List<Sample> samples, String name, String campaign) {
        return samples.stream().filter(s -> s.name().equals(name) && campaign.equals(s.labels().get("campaign"))).toList();
    }

    private static double value(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not exported"));
    }

    private static double importRows(List<Sample> samples, String result) {
        return samples.stream().filter(s -> s.name().equals("dialer_import_rows_total") && result.equals(s.labels().get("result")))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }

    private static double sum(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::value).sum();
    }

    private static Map<String, Long> attemptsByResult(String campaignId) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = PostgresTestResource.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT result, count(*) FROM attempt WHERE campaign_id = ?::uuid AND state = 'ENDED' GROUP BY result")) {
            ps.setString(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
