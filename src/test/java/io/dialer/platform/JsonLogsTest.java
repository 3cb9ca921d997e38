package io.dialer.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With QUARKUS_LOG_CONSOLE_JSON_ENABLED=true (as the Kubernetes ConfigMap sets it) every console line is one JSON object. */
@QuarkusTest
@TestProfile(JsonLogsTest.JsonLogsOn.class)
class JsonLogsTest {

    public static class JsonLogsOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.json.enabled", "true");
        }
    }

    @Test
    void consoleLinesAreJsonObjectsACollectorCanParse() throws Exception {
        List<Formatter> formatters = consoleFormatters(LogContext.getLogContext().getLogger("").getHandlers(), new ArrayList<>());
        assertFalse(formatters.isEmpty(), "a console handler is configured");

        ExtLogRecord record = new ExtLogRecord(org.jboss.logmanager.Level.WARN, "campaign %s paused: \"quota\"", ExtLogRecord.FormatStyle.PRINTF,
                JsonLogsTest.class.getName());
        record.setParameters(new Object[] {"c-42"});
        record.setLoggerName("io.dialer.dialing.CampaignRunner");
        for (Formatter formatter : formatters) {
            String line = formatter.format(record).strip();
            assertEquals(1, line.lines().count(), "one line per record: " + line);
            JsonNode json = new ObjectMapper().readTree(line);
            assertEquals("WARN", json.path("level").asText());
            assertEquals("io.dialer.dialing.CampaignRunner", json.path("loggerName").asText());
            assertEquals("campaign c-42 paused: \"quota\"", json.path("message").asText());
            assertTrue(json.hasNonNull("timestamp"), line);
        }
    }

    private static List<Formatter> consoleFormatters(Handler[] handlers, List<Formatter> found) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler) {
                found.add(handler.getFormatter());
            }
            if (handler instanceof ExtHandler) {
                consoleFormatters(((ExtHandler) handler).getHandlers(), found);
            }
        }
        return found;
    }
}
