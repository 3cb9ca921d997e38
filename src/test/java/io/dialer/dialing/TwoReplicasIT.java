package io.dialer.dialing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged service instances on one PostgreSQL run four campaigns; one instance is killed (SIGKILL) while it
 * dials and a replacement is started. Its campaigns move to another instance once their leases expire, every
 * campaign completes, and no contact is ever dialled twice at once or left in the middle of a call. Every attempt
 * reaches a local webhook receiver, which is down for a while, exactly once after de-duplication by webhook-id.
 */
class TwoReplicasIT {

    private static EmbeddedPostgres postgres;
    private static final List<Process> replicas = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    private static HttpServer receiver;
    private static volatile boolean receiverDown;
    private static final Map<String, Integer> received = new ConcurrentHashMap<>();

    @BeforeAll
    static void startReplicas() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (receiverDown) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                if (new String(body, StandardCharsets.UTF_8).contains("\"attempt.completed\"")) {
                    received.merge(exchange.getRequestHeaders().getFirst("webhook-id"), 1, Integer::sum);
                }
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        receiver.start();
        for (int i = 0; i < 2; i++) {
            startReplica(i);
        }
        for (int port : ports) {
            awaitReady(port);
        }
    }

    private static void startReplica(int n) throws Exception {
        String jar = System.getProperty("dialer.app.jar", "target/quarkus-app/quarkus-run.jar");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-Xmx384m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "-Dquarkus.datasource.username=postgres", "-Dquarkus.datasource.password=postgres",
                "-Ddialer.dialing.lease-seconds=3", "-Ddialer.dialing.supervisor-millis=200",
                "-Ddialer.webhook.retry-schedule=1s,1s,2s,2s,3s,3s,5s,5s,5s,10s,10s,10s",
                "-jar", jar);
        File log = new File("target/replica-" + n + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        replicas.add(pb.start());
        ports.add(port);
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        replicas.forEach(Process::destroyForcibly);
        if (receiver != null) {
            receiver.stop(0);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void noContactIsDialledTwiceAcrossReplicasAndACrash() throws Exception {
        api(ports.get(1)).body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "eventTypes", List.of("attempt.completed"))).post("/v1/webhook-endpoints").then().statusCode(201);
        List<String> campaigns = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String id = api(ports.get(c % 2)).body(Map.of("name", "replicas-" + c, "mode", "AGENTLESS",
                    "schedule", Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
                            List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "09:00", "to", "20:00"))),
                    "dialing", Map.of("maxConcurrentCalls", 15),
                    "retries", Map.of("maxAttemptsPerContact", 2, "minGapSeconds", 120,
                            "rules", Map.of("NO_ANSWER", Map.of("delaySeconds", 300))),
                    "simulation", Map.of("timeScale", 20, "startAt", "2026-06-01T12:00:00Z", "seed", c)))
                    .post("/v1/campaigns").then().statusCode(201).extract().<String>path("id");
            List<Map<String, Object>> contacts = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                contacts.add(Map.of("externalId", "x" + i, "timezone", "UTC", "phones",
                        List.of(Map.of("number", String.format("+1312%03d%04d", 800 + c, 1000 + i), "type", "MOBILE"))));
            }
            api(ports.get(0)).body(Map.of("contacts", contacts)).post("/v1/campaigns/" + id + "/contacts").then().statusCode(200);
            campaigns.add(id);
        }
        campaigns.forEach(id -> api(ports.get(1)).post("/v1/campaigns/" + id + "/start").then().statusCode(200));

        awaitTrue(() -> query("SELECT count(DISTINCT owner) FROM campaign_lease WHERE expires_at > now()") == 2, 30);
        receiverDown = true;
        Thread.sleep(3000);
        Process victim = replicas.get(0);
        victim.destroyForcibly().waitFor();
        startReplica(2);
        Thread.sleep(2000);
        receiverDown = false;

        for (String id : campaigns) {
            awaitTrue(() -> "COMPLETED".equals(api(ports.get(1)).get("/v1/campaigns/" + id).then().extract().path("state")), 180);
        }
        assertEquals(0, query("SELECT count(*) FROM attempt WHERE state <> 'ENDED'"), "no attempt left open");
        assertEquals(0, query("SELECT count(*) FROM contact WHERE state IN ('DIALING', 'PENDING')"), "no contact left mid-call");
        assertEquals(0, query("SELECT count(*) FROM attempt a JOIN attempt b ON a.contact_id = b.contact_id AND a.id < b.id "
                + "AND a.placed_at < b.ended_at AND b.placed_at < a.ended_at"), "no two overlapping calls to one contact");
        assertTrue(query("SELECT count(*) FROM campaign_lease WHERE epoch > 1") >= 1, "a campaign moved to the survivor");
        assertTrue(query("SELECT count(DISTINCT owner) FROM attempt") >= 2, "both replicas dialled");
        assertTrue(query("SELECT count(*) FROM attempt WHERE result = 'NETWORK_ERROR' AND cause LIKE 'reconciled%'") > 0,
                "calls in flight on the killed replica were reconciled");

        long attempts = query("SELECT count(*) FROM attempt");
        assertEquals(attempts, query("SELECT count(*) FROM event WHERE type = 'attempt.completed'"), "one event per attempt");
        awaitTrue(() -> received.size() >= attempts, 120);
        Set<String> expected = new HashSet<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM event WHERE type = 'attempt.completed'")) {
            while (rs.next()) {
                expected.add(rs.getString(1));
            }
        }
        assertEquals(expected, received.keySet(), "every attempt reached the receiver, once after de-duplication");
    }

    private static RequestSpecification api(int port) {
        return RestAssured.given().baseUri("http://localhost:" + port).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static long query(String sql) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(int port) throws Exception {
        awaitTrue(() -> {
            try {
                return RestAssured.given().baseUri("http://localhost:" + port).get("/q/health/ready").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, 90);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }
}
