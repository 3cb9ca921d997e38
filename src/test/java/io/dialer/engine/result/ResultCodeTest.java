package io.dialer.engine.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.result.ResultCode.Category;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultCodeTest {

    @Test
    void the_codes_and_categories_the_service_relies_on_are_unchanged() {
        Map<String, Category> expected = Map.ofEntries(
                Map.entry("CONNECTED", Category.HUMAN), Map.entry("ABANDONED", Category.HUMAN),
                Map.entry("CUSTOMER_HANGUP_BEFORE_CONNECT", Category.HUMAN),
                Map.entry("AGENTLESS_DELIVERED", Category.AGENTLESS), Map.entry("IVR_COMPLETED", Category.AGENTLESS),
                Map.entry("IVR_ABANDONED", Category.AGENTLESS), Map.entry("ANSWERING_MACHINE", Category.MACHINE),
                Map.entry("ANSWERING_MACHINE_MESSAGE_LEFT", Category.MACHINE),
                Map.entry("NETWORK_ANSWERING_MACHINE", Category.MACHINE), Map.entry("FAX", Category.NON_VOICE),
                Map.entry("DEAD_AIR", Category.NON_VOICE), Map.entry("NO_ANSWER", Category.NOT_REACHED),
                Map.entry("BUSY", Category.NOT_REACHED), Map.entry("CONGESTION", Category.NOT_REACHED),
                Map.entry("REJECTED", Category.NOT_REACHED), Map.entry("NO_RINGBACK", Category.NOT_REACHED),
                Map.entry("INVALID_NUMBER", Category.NUMBER_PROBLEM),
                Map.entry("NUMBER_NOT_IN_SERVICE", Category.NUMBER_PROBLEM), Map.entry("NETWORK_ERROR", Category.SYSTEM),
                Map.entry("TRUNK_UNAVAILABLE", Category.SYSTEM), Map.entry("DIAL_ERROR", Category.SYSTEM),
                Map.entry("CANCELLED", Category.SYSTEM), Map.entry("AGENT_SKIPPED", Category.PREVIEW),
                Map.entry("AGENT_CLOSED", Category.PREVIEW), Map.entry("PREVIEW_TIMEOUT", Category.PREVIEW),
                Map.entry("DNC_BLOCKED", Category.COMPLIANCE));
        assertEquals(expected.size(), ResultCode.values().length);
        expected.forEach((name, category) -> {
            assertTrue(ResultCode.isKnown(name), name);
            assertEquals(category, ResultCode.valueOf(name).category(), name);
        });
        for (ResultCode code : ResultCode.values()) {
            assertFalse(code.meaning().isBlank(), code.name());
        }
        assertFalse(ResultCode.isKnown("SALE"));
        assertFalse(ResultCode.isKnown("busy"));
    }

    @Test
    void default_retry_table() {
        assertEquals(Duration.ofMinutes(10), ResultCode.BUSY.defaultRetry().delay());
        assertEquals(Duration.ofHours(1), ResultCode.NO_ANSWER.defaultRetry().delay());
        assertEquals(Duration.ofHours(2), ResultCode.ANSWERING_MACHINE.defaultRetry().delay());
        assertEquals(NextStep.CLOSE_CONTACT, ResultCode.CONNECTED.nextStep());
        assertEquals(NextStep.MARK_NUMBER_INVALID, ResultCode.INVALID_NUMBER.nextStep());
        assertEquals(NextStep.MARK_NUMBER_INVALID, ResultCode.NUMBER_NOT_IN_SERVICE.nextStep());
        assertEquals(NextStep.BLOCK_NUMBER, ResultCode.DNC_BLOCKED.nextStep());
        assertEquals(0, ResultCode.FAX.defaultRetry().maxRetries());
    }

    @Test
    void system_failures_are_free_and_retried_within_minutes() {
        for (ResultCode code : List.of(ResultCode.NETWORK_ERROR, ResultCode.TRUNK_UNAVAILABLE, ResultCode.DIAL_ERROR,
                ResultCode.CANCELLED, ResultCode.CONGESTION, ResultCode.NO_RINGBACK)) {
            assertFalse(code.countsAsAttempt(), code.name());
            assertEquals(NextStep.RETRY, code.nextStep(), code.name());
            assertTrue(code.defaultRetry().delay().compareTo(Duration.ofMinutes(10)) <= 0, code.name());
        }
    }

    @Test
    void the_table_is_consistent() {
        for (ResultCode code : ResultCode.values()) {
            if (code.category() == Category.NOT_REACHED || code.category() == Category.NUMBER_PROBLEM) {
                assertFalse(code.reached(), code.name());
            }
            if (code.category() == Category.HUMAN) {
                assertTrue(code.reached() && code.countsAsAttempt(), code.name());
            }
            if (code.ledgerRole() != AbandonmentRole.NONE) {
                assertTrue(code.countsAsAttempt(), code.name());
            }
            if (!code.countsAsAttempt()) {
                assertFalse(code.movesToNextNumber(), code.name());
            }
        }
        assertEquals(List.of(ResultCode.ABANDONED), Arrays.stream(ResultCode.values())
                .filter(c -> c.ledgerRole() == AbandonmentRole.ABANDONED_LIVE).toList());
        assertEquals(List.of(ResultCode.CONNECTED, ResultCode.CUSTOMER_HANGUP_BEFORE_CONNECT), Arrays.stream(ResultCode.values())
                .filter(c -> c.ledgerRole() == AbandonmentRole.LIVE_ANSWER).toList());
    }
}
