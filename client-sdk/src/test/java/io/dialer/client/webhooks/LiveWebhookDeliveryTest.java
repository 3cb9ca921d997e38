package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Verifies real deliveries: starts the packaged service ({@code ../target/quarkus-app/quarkus-run.jar}, built by
 * {@code ./mvnw -B verify} at the repository root) with its embedded PostgreSQL, registers a local receiver as a
 * webhook endpoint, asks for a test ping and checks the delivery with {@link Webhooks#verify}. Skipped, loudly, when
 * the service has not been built.
 */
class LiveWebhookDeliveryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path JAR = Path.of(System.getProperty("dialer.app.jar", "../target/quarkus-app/quarkus-run.jar"));
    private static final Path DB_DIR = Path.of("target/it-pg");
    private static final Path LOG = Path.of("target/live-service.log");

    record Delivery(String body, Map<String, List<String>> headers) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process service;
    private HttpServer receiver;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void verifiesARealTestDelivery() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            String message = "LiveWebhookDeliveryTest SKIPPED: " + JAR.toAbsolutePath().normalize() + " does not exist. "
                    + "Build the service first (./mvnw -B verify at the repository root) to verify real webhook deliveries.";
            System.err.println("\n" + "*".repeat(100) + "\n*** " + message + "\n" + "*".repeat(100) + "\n");
            Assumptions.abort(message);
        }
        BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(body, Map.copyOf(exchange.getRequestHeaders())));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        String base = startService();

        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        HttpResponse<String> created = post(base + "/v1/webhook-endpoints", MAPPER.writeValueAsString(Map.of(
                "url", hookUrl, "eventTypes", List.of("webhook.test"), "description", "SDK live verification test")));
        assertEquals(201, created.statusCode(), "POST /v1/webhook-endpoints: " + created.body());
        JsonNode endpoint = MAPPER.readTree(created.body());
        String endpointId = endpoint.path("id").asText(null);
        String secret = endpoint.path("secret").asText(null);
        assertNotNull(endpointId, "the created endpoint has an id: " + created.body());
        assertNotNull(secret, "the created endpoint shows its secret once: " + created.body());
        assertTrue(secret.startsWith("whsec_"), "a Standard Webhooks secret: " + secret);

        HttpResponse<String> ping = post(base + "/v1/webhook-endpoints/" + endpointId + "/test", "{}");
        assertEquals(202, ping.statusCode(), "POST /v1/webhook-endpoints/{id}/test: " + ping.body());

        Delivery delivery = deliveries.poll(60, TimeUnit.SECONDS);
        assertNotNull(delivery, "no delivery reached the receiver within 60 s (service log: " + LOG.toAbsolutePath() + ")");
        Map<String, String> headers = Webhooks.singleValued(delivery.headers());

        WebhookEvent event = Webhooks.verify(delivery.body(), headers, secret, Duration.ofMinutes(5));
        WebhookTest test = assertInstanceOf(WebhookTest.class, event, delivery.body());
        assertEquals("webhook.test", test.type());
        assertNotNull(test.id(), delivery.body());
        assertNotNull(test.timestamp(), "the envelope has an RFC 3339 timestamp: " + delivery.body());
        String queuedEventId = MAPPER.readTree(ping.body()).path("eventId").asText(null);
        if (queuedEventId != null) {
            assertEquals(queuedEventId, test.id(), "the delivered event is the one the test call queued");
        }
        if (test.endpointId() != null) {
            assertEquals(endpointId, test.endpointId());
        }

        // a tampered copy, a wrong secret and a stale replay must all fail
        String tampered = delivery.body().replaceFirst("webhook\\.test", "webhook.tesT");
        assertTrue(!tampered.equals(delivery.body()));
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(tampered, headers, secret, Duration.ofMinutes(5)));
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(delivery.body() + "\n", headers, secret, Duration.ofMinutes(5)));
        String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThrows(WebhookVerificationException.class,
                () -> Webhooks.verify(delivery.body(), headers, otherSecret, Duration.ofMinutes(5)));
        assertThrows(WebhookVerificationException.class, () -> Webhooks.verify(delivery.body(), headers, secret,
                Duration.ofMinutes(5), java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(10))));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (service != null && service.isAlive()) {
            List<ProcessHandle> children = service.descendants().toList();
            service.destroy(); // SIGTERM: the service stops its embedded PostgreSQL on the way out
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
                service.waitFor(10, TimeUnit.SECONDS);
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private String startService() throws IOException, InterruptedException {
        deleteRecursively(DB_DIR);
        Files.createDirectories(LOG.getParent());
        int port = freePort();
        int dbPort = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Ddialer.embedded-db.dir=" + DB_DIR,
                "-Ddialer.embedded-db.port=" + dbPort,
                "-jar", JAR.toAbsolutePath().normalize().toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(LOG.toFile());
        service = pb.start();
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                fail("The service exited with " + service.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return base;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        fail("The service was not ready within 120 s:\n" + logTail());
        return base;
    }

    private HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(LOG);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
