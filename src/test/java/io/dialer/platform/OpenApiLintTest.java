package io.dialer.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed contract passes Redocly's recommended rules with no errors. */
class OpenApiLintTest {

    @Test
    void contractLintsWithoutErrors() throws IOException, InterruptedException {
        Process lint = new ProcessBuilder("bash", "src/scripts/lint-openapi.sh", "openapi/dialer.yaml")
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(5, TimeUnit.MINUTES), "redocly did not finish");
        assertEquals(0, lint.exitValue(), "Redocly found errors in openapi/dialer.yaml:\n" + output);
    }
}
