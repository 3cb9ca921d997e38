package io.dialer.telephony;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * The loopback Asterisk + SIPp of src/test/asterisk, as described by the env.properties its start script writes.
 * Missing or unavailable: the calling test is aborted (skipped), loudly.
 */
public final class AsteriskTestEnvironment {

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "dialer", "asterisk");

    public final Properties properties = new Properties();

    private AsteriskTestEnvironment() {
    }

    public static AsteriskTestEnvironment require() {
        Path unavailable = CACHE.resolve("UNAVAILABLE");
        if (Files.exists(unavailable)) {
            String reason = read(unavailable).trim();
            abort("Asterisk unavailable: " + reason);
        }
        Path env = CACHE.resolve("env.properties");
        if (!Files.exists(env)) {
            abort("Asterisk not started: no " + env + "; run src/test/asterisk/asterisk.sh start and "
                    + "src/test/asterisk/sipp.sh start (as root) first");
        }
        AsteriskTestEnvironment environment = new AsteriskTestEnvironment();
        try (Reader reader = Files.newBufferedReader(env)) {
            environment.properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + env, e);
        }
        return environment;
    }

    /** The environment when it is up, without aborting (for test profiles, which run before any test). */
    public static java.util.Optional<AsteriskTestEnvironment> ifAvailable() {
        Path env = CACHE.resolve("env.properties");
        if (Files.exists(CACHE.resolve("UNAVAILABLE")) || !Files.exists(env)) {
            return java.util.Optional.empty();
        }
        AsteriskTestEnvironment environment = new AsteriskTestEnvironment();
        try (Reader reader = Files.newBufferedReader(env)) {
            environment.properties.load(reader);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(environment);
    }

    public String get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("env.properties has no " + key);
        }
        return value.trim();
    }

    private static void abort(String message) {
        System.err.println();
        System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        System.err.println("!!! ASTERISK TESTS SKIPPED: " + message);
        System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        Assumptions.abort(message);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
