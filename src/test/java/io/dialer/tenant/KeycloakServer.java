package io.dialer.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real Keycloak (its distribution, unpacked by the build into the cache) in dev mode on loopback, with an
 * in-memory database: every start is a fresh server. The first start after unpacking also builds the distribution
 * (Quarkus augmentation, written into the cached distribution), which takes a minute or more.
 */
final class KeycloakServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Process process, Path log, int port, String adminPassword) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** Starts Keycloak from {@code home} (the unpacked distribution) and waits until it serves its master realm. */
    static KeycloakServer start(Path home, Path workDir) throws Exception {
        Path kc = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kc)) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": the pre-integration-test phase "
                    + "(maven-dependency-plugin, execution keycloak-distribution) unpacks it; run ./mvnw verify");
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve("keycloak.log");
        int port = freePort();
        String adminPassword = UUID.randomUUID().toString();
        ProcessBuilder pb = new ProcessBuilder(kc.toString(), "start-dev", "--db=dev-mem",
                "--http-host=127.0.0.1", "--http-port=" + port)
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // the JVM that runs the tests (Java 17 on CI) runs Keycloak too
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        // C1 only: Keycloak starts in about half the time on two cores, and this test asks little of it afterwards
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        KeycloakServer server = new KeycloakServer(pb.start(), log, port, adminPassword);
        try {
            server.awaitReady();
        } catch (Exception | AssertionError e) {
            server.close();
            throw new AssertionError("Keycloak from " + home + " did not start (a first build cut short can leave the "
                    + "cached distribution broken: delete " + home.getParent() + " and run again)", e);
        }
        return server;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        URI probe = URI.create(baseUrl() + "/realms/master/.well-known/openid-configuration");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak exited with " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Keycloak was not ready within " + START_LIMIT + ":\n" + logTail());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    /** Creates a realm from its JSON representation through the admin REST API. */
    void createRealm(Path realmJson) throws Exception {
        String adminToken = token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", adminPassword));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(realmJson)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("creating realm from " + realmJson + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** An access token for a confidential client of {@code realm} through the client credentials grant. */
    String clientCredentialsToken(String realm, String clientId, String secret) throws Exception {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(String realm, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("token for " + form.get("client_id") + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode json = JSON.readTree(response.body());
        return json.get("access_token").asText();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        // kc.sh runs the build as a child before it execs the server: end the whole tree
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
