package io.dialer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders every overlay in k8s/ with a real kustomize (kubectl's, see src/test/k8s/tools.sh), validates each
 * manifest against the Kubernetes and CRD schemas (unknown fields rejected), and checks the policies that
 * matter for running Dialer: non-root, read-only root file system, probes, resources, replicas, external
 * PostgreSQL, authentication required.
 */
class KubernetesManifestsTest {

    private static final Path TOOLS = Path.of("src/test/k8s/tools.sh");
    private static final Path K8S = Path.of("k8s");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @BeforeAll
    static void installTools() throws Exception {
        Result install = run(List.of("bash", TOOLS.toString(), "install"), 10);
        assertEquals(0, install.exit, "could not install kustomize and the schemas:\n" + install.output);
    }

    @Test
    void everyOverlayIsCovered() throws IOException {
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            assertEquals(List.of("dev", "prod"), overlays.map(p -> p.getFileName().toString()).sorted().toList(),
                    "a new overlay needs its own case in this test");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersAndValidates(String overlay) throws Exception {
        List<JsonNode> docs = render(K8S.resolve("overlays").resolve(overlay));
        Result validation = validate(docs);
        assertEquals(0, validation.exit, "k8s/overlays/" + overlay + " does not validate:\n" + validation.output);
        assertTrue(validation.output.contains(docs.size() + " valid, 0 invalid"), validation.output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void deploymentFollowsThePolicies(String overlay) throws Exception {
        List<JsonNode> docs = render(K8S.resolve("overlays").resolve(overlay));
        JsonNode deployment = one(docs, "Deployment", "dialer");
        JsonNode pod = deployment.at("/spec/template/spec");

        int minReplicas = overlay.equals("prod") ? 2 : 1;
        assertTrue(deployment.at("/spec/replicas").asInt() >= minReplicas, "replicas");
        assertTrue(one(docs, "HorizontalPodAutoscaler", "dialer").at("/spec/minReplicas").asInt() >= minReplicas,
                "HPA minReplicas");
        assertEquals("apps/v1", one(docs, "HorizontalPodAutoscaler", "dialer").at("/spec/scaleTargetRef/apiVersion").asText());
        one(docs, "PodDisruptionBudget", "dialer");
        one(docs, "NetworkPolicy", "dialer");

        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), "runAsNonRoot");
        assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0, "a non-root uid");
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
        assertFalse(pod.at("/automountServiceAccountToken").asBoolean(true), "no service account token");
        // Longer than the lease (10 s) plus the preStop sleep, so that the loops hand their campaigns over.
        assertTrue(pod.at("/terminationGracePeriodSeconds").asInt() >= 30, "terminationGracePeriodSeconds");
        assertFalse(pod.at("/topologySpreadConstraints").isEmpty() && pod.at("/affinity/podAntiAffinity").isMissingNode(),
                "replicas spread across nodes");
        if (overlay.equals("prod")) {
            assertEquals("DoNotSchedule", pod.at("/topologySpreadConstraints/0/whenUnsatisfiable").asText());
            assertEquals("kubernetes.io/hostname", pod.at("/topologySpreadConstraints/0/topologyKey").asText());
        }

        JsonNode container = pod.at("/containers/0");
        JsonNode security = container.at("/securityContext");
        assertTrue(security.at("/readOnlyRootFilesystem").asBoolean(), "readOnlyRootFilesystem");
        assertFalse(security.at("/allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation");
        assertEquals("ALL", security.at("/capabilities/drop/0").asText(), "drop all capabilities");
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(container.at("/resources/" + kind + "/" + resource).asText().isBlank(),
                        "resources." + kind + "." + resource);
            }
        }
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertFalse(container.at("/startupProbe/httpGet/path").asText().isBlank(), "startup probe");

        String tmpVolume = null;
        for (JsonNode mount : container.at("/volumeMounts")) {
            if (mount.at("/mountPath").asText().equals("/tmp")) {
                tmpVolume = mount.at("/name").asText();
            }
        }
        assertTrue(tmpVolume != null, "/tmp is mounted");
        boolean emptyDir = false;
        for (JsonNode volume : pod.at("/volumes")) {
            emptyDir |= volume.at("/name").asText().equals(tmpVolume) && volume.has("emptyDir");
        }
        assertTrue(emptyDir, "/tmp is an emptyDir");

        List<Integer> ports = new ArrayList<>();
        one(docs, "Service", "dialer").at("/spec/ports").forEach(p -> ports.add(p.at("/port").asInt()));
        assertEquals(List.of(8080, 4573), ports, "HTTP and FastAGI");
        assertEquals("/q/metrics", one(docs, "ServiceMonitor", "dialer").at("/spec/endpoints/0/path").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void configurationUsesTheExternalDatabaseAndRequiresAuthentication(String overlay) throws Exception {
        List<JsonNode> docs = render(K8S.resolve("overlays").resolve(overlay));
        JsonNode container = one(docs, "Deployment", "dialer").at("/spec/template/spec/containers/0");
        String configMapName = container.at("/envFrom/0/configMapRef/name").asText();
        JsonNode config = one(docs, "ConfigMap", configMapName).at("/data");

        // The embedded PostgreSQL starts only when no JDBC URL is configured.
        assertTrue(config.at("/QUARKUS_DATASOURCE_JDBC_URL").asText().startsWith("jdbc:postgresql://dialer-db-rw:5432/"),
                "JDBC URL of the CloudNativePG primary");
        assertEquals("true", config.at("/DIALER_AUTH_REQUIRED").asText());
        assertTrue(config.at("/QUARKUS_OIDC_AUTH_SERVER_URL").asText().startsWith("https://"), "OIDC issuer");
        assertEquals("asterisk", config.at("/DIALER_TELEPHONY_CARRIER").asText());
        assertEquals("4573", config.at("/DIALER_ASTERISK_AGI_PORT").asText());
        assertEquals("0.0.0.0", config.at("/DIALER_ASTERISK_AGI_BIND_HOST").asText(), "FastAGI reachable from Asterisk");
        List<String> agiAddress = new ArrayList<>();
        container.at("/env").forEach(env -> {
            if (env.at("/name").asText().equals("DIALER_ASTERISK_AGI_ADDRESS")) {
                agiAddress.add(env.at("/value").asText());
            }
        });
        assertEquals(List.of("$(POD_IP):4573"), agiAddress, "each replica gives Asterisk its own address");
        assertEquals("true", config.at("/QUARKUS_LOG_CONSOLE_JSON_ENABLED").asText(), "JSON logs for the log collector");

        JsonNode cluster = one(docs, "Cluster", "dialer-db");
        assertEquals(overlay.equals("prod") ? 3 : 1, cluster.at("/spec/instances").asInt(), "PostgreSQL instances");
        assertTrue(cluster.at("/spec/monitoring/enablePodMonitor").asBoolean(), "PostgreSQL monitoring");
        List<String> secretRefs = new ArrayList<>();
        for (JsonNode env : container.at("/env")) {
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                secretRefs.add(env.at("/name").asText() + "=" + ref.at("/name").asText() + "/" + ref.at("/key").asText());
            }
        }
        assertTrue(secretRefs.contains("QUARKUS_DATASOURCE_USERNAME=dialer-db-app/username"), secretRefs.toString());
        assertTrue(secretRefs.contains("QUARKUS_DATASOURCE_PASSWORD=dialer-db-app/password"), secretRefs.toString());

        // No secret value is committed: prod renders no Secret at all, dev only placeholders.
        for (JsonNode doc : docs) {
            if (doc.at("/kind").asText().equals("Secret")) {
                assertEquals("dev", overlay, "prod must not render secrets: " + doc.at("/metadata/name").asText());
                doc.at("/data").forEach(v -> assertEquals("change-me",
                        new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void externalPostgresExampleDropsTheClusterAndOpensOnlyTheServersItNames() throws Exception {
        List<JsonNode> docs = render(K8S.resolve("examples/external-postgres"));
        Result validation = validate(docs);
        assertEquals(0, validation.exit, "k8s/examples/external-postgres does not validate:\n" + validation.output);

        assertTrue(docs.stream().noneMatch(d -> d.at("/kind").asText().equals("Cluster")), "no CloudNativePG Cluster");
        JsonNode container = one(docs, "Deployment", "dialer").at("/spec/template/spec/containers/0");
        JsonNode config = one(docs, "ConfigMap", container.at("/envFrom/0/configMapRef/name").asText()).at("/data");
        assertEquals("jdbc:postgresql://203.0.113.10:5432/dialer?sslmode=require", config.at("/QUARKUS_DATASOURCE_JDBC_URL").asText());
        assertEquals("198.51.100.2", config.at("/DIALER_ASTERISK_SERVERS_PBX1_HOST").asText());
        assertEquals(3, one(docs, "Deployment", "dialer").at("/spec/replicas").asInt(), "the prod overlay underneath");

        JsonNode policy = one(docs, "NetworkPolicy", "dialer").at("/spec");
        assertEquals("203.0.113.10/32", policy.at("/egress/1/to/0/ipBlock/cidr").asText());
        assertEquals(5432, policy.at("/egress/1/ports/0/port").asInt(), "PostgreSQL port to the external server");
        assertEquals("198.51.100.0/28", policy.at("/ingress/1/from/0/ipBlock/cidr").asText());
        assertEquals(4573, policy.at("/ingress/1/ports/0/port").asInt(), "FastAGI from Asterisk");
        assertEquals("198.51.100.0/28", policy.at("/egress/2/to/0/ipBlock/cidr").asText());
        assertEquals(5038, policy.at("/egress/2/ports/0/port").asInt(), "AMI to Asterisk");
    }

    @Test
    void validationRejectsAnUnknownField() throws Exception {
        Path copy = copyOfK8s();
        replace(copy.resolve("base/deployment.yaml"), "readinessProbe:", "readinesProbe:");
        Result validation = validate(render(copy.resolve("overlays/prod")));
        assertNotEquals(0, validation.exit, validation.output);
        assertTrue(validation.output.contains(
                "INVALID apps/v1/Deployment dialer: /spec/template/spec/containers/0/readinesProbe: unknown field"),
                validation.output);
    }

    @Test
    void validationRejectsAWrongTypeInACustomResource() throws Exception {
        Path copy = copyOfK8s();
        replace(copy.resolve("base/postgres-cluster.yaml"), "enablePodAntiAffinity: true", "enablePodAntiAffinity: \"yes\"");
        replace(copy.resolve("base/servicemonitor.yaml"), "interval: 30s", "intervall: 30s");
        Result validation = validate(render(copy.resolve("overlays/dev")));
        assertNotEquals(0, validation.exit, validation.output);
        assertTrue(validation.output.contains("INVALID postgresql.cnpg.io/v1/Cluster dialer-db: /spec/affinity/enablePodAntiAffinity"),
                validation.output);
        assertTrue(validation.output.contains("/spec/endpoints/0/intervall: unknown field"), validation.output);
    }

    @Test
    void validationRejectsAKindWithoutSchema() throws Exception {
        Path copy = copyOfK8s();
        Files.writeString(copy.resolve("base/extra.yaml"), """
                apiVersion: example.com/v1
                kind: Mystery
                metadata:
                  name: unknown
                """);
        replace(copy.resolve("base/kustomization.yaml"), "  - servicemonitor.yaml", "  - servicemonitor.yaml\n  - extra.yaml");
        Result validation = validate(render(copy.resolve("overlays/prod")));
        assertNotEquals(0, validation.exit, validation.output);
        assertTrue(validation.output.contains("INVALID example.com/v1/Mystery unknown: no schema"), validation.output);
    }

    @Test
    void kustomizeRejectsABrokenKustomization() throws Exception {
        Path copy = copyOfK8s();
        replace(copy.resolve("base/kustomization.yaml"), "  - hpa.yaml", "  - missing.yaml");
        Result build = run(List.of("bash", TOOLS.toString(), "build", copy.resolve("overlays/prod").toString()), 2);
        assertNotEquals(0, build.exit, build.output);
        assertTrue(build.output.contains("missing.yaml"), build.output);
    }

    // --- helpers

    private static List<JsonNode> render(Path overlay) throws Exception {
        Result build = run(List.of("bash", TOOLS.toString(), "build", overlay.toString()), 2);
        assertEquals(0, build.exit, "kustomize build " + overlay + " failed:\n" + build.output);
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.createParser(build.stdout)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            });
        }
        assertFalse(docs.isEmpty(), "nothing rendered for " + overlay);
        return docs;
    }

    private Result validate(List<JsonNode> docs) throws Exception {
        ArrayNode array = JSON.createArrayNode();
        docs.forEach(array::add);
        Path file = Files.createTempFile(temp, "manifests", ".json");
        JSON.writeValue(file.toFile(), array);
        return run(List.of("bash", TOOLS.toString(), "validate", file.toString()), 2);
    }

    private static JsonNode one(List<JsonNode> docs, String kind, String name) {
        List<JsonNode> found = docs.stream()
                .filter(d -> d.at("/kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name))
                .toList();
        if (found.size() != 1) {
            fail("expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    private Path copyOfK8s() throws IOException {
        Path target = temp.resolve("k8s");
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path source : files.toList()) {
                Path dest = target.resolve(K8S.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
        return target;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " no longer contains " + from);
        Files.writeString(file, text.replace(from, to));
    }

    /** stdout, and stdout followed by stderr for messages. */
    private record Result(int exit, String stdout, String output) {
    }

    private static Result run(List<String> command, int minutes) throws Exception {
        Path stderr = Files.createTempFile("k8s-tools", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + minutes + " min");
            }
            return new Result(process.exitValue(), stdout, stdout + Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
