package io.dialer.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged service. When no JDBC URL is configured it first starts the
 * embedded PostgreSQL (see {@link EmbeddedDatabase}) so that the service runs with nothing set up.
 */
@QuarkusMain
public class DialerMain {

    public static void main(String... args) {
        EmbeddedDatabase.startIfNoDatabaseConfigured();
        Quarkus.run(args);
    }
}
