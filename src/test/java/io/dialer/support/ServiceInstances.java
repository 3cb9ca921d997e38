package io.dialer.support;

import io.restassured.RestAssured;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Packaged service instances ({@code quarkus-run.jar}), each its own JVM, on one external PostgreSQL. */
public final class ServiceInstances implements AutoCloseable {

    /** One running JVM. */
    public record Instance(int index, int port, Process process) {

        /** Ends the JVM at once, as a crash or an OOM kill would: no shutdown hook runs, no lease is released. */
        public void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private final String logName;
    private final String jdbcUrl;
    private final List<String> settings;
    private final List<Instance> started = new ArrayList<>();

    /**
     * {@code settings} are {@code key=value} pairs given to every instance as system properties; instance n logs to
     * {@code target/<logName>-<n>.log}.
     */
    public ServiceInstances(String logName, String jdbcUrl, List<String> settings) {
        this.logName = logName;
        this.jdbcUrl = jdbcUrl;
        this.settings = List.copyOf(settings);
    }

    /** Starts one more instance. */
    public Instance start() {
        String jar = System.getProperty("dialer.app.jar", "target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=postgres", "-Dquarkus.datasource.password=postgres"));
        settings.forEach(s -> command.add("-D" + s));
        command.addAll(List.of("-jar", jar));
        int index = started.size();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log(index)).start();
            Instance instance = new Instance(index, port, process);
            started.add(instance);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitReady(Instance instance) {
        Await.until("instance " + instance.index() + " ready", Duration.ofSeconds(120), () -> {
            if (!instance.process().isAlive()) {
                throw new AssertionError("instance " + instance.index() + " exited; see " + log(instance.index()));
            }
            try {
                return RestAssured.given().baseUri("http://localhost:" + instance.port()).get("/q/health/ready").statusCode() == 200;
            } catch (Exception e) { // connection refused while it starts
                return false;
            }
        });
    }

    private File log(int index) {
        return new File("target/" + logName + "-" + index + ".log");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        started.forEach(i -> i.process().destroyForcibly());
    }
}
