package io.dialer.engine.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AbandonmentLedgerTest {

    private static final Instant NOW = Instant.parse("2026-03-09T15:00:00Z");
    private static final double EPS = 1e-9;

    private static void add(AbandonmentLedger ledger, int n, ResultCode code, Instant at) {
        for (int i = 0; i < n; i++) {
            ledger.record(at, code);
        }
    }

    @Test
    void us_abandoned_live_answers_over_all_live_answers() {
        AbandonmentLedger ledger = AbandonmentLedger.empty(AbandonDefinition.us(0.03));
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        add(ledger, 95, ResultCode.CONNECTED, hourAgo);
        add(ledger, 2, ResultCode.CUSTOMER_HANGUP_BEFORE_CONNECT, hourAgo);
        add(ledger, 3, ResultCode.ABANDONED, hourAgo);
        add(ledger, 40, ResultCode.ANSWERING_MACHINE, hourAgo); // machines are in neither count
        add(ledger, 60, ResultCode.NO_ANSWER, hourAgo);

        assertEquals(new LedgerCounts(97, 3, 40, 0), ledger.countsAt(NOW));
        assertEquals(3.0 / 100, ledger.rateAt(NOW), EPS);
        assertFalse(ledger.overCapAt(NOW));
        assertTrue(ledger.oneMoreAbandonWouldExceedCap(NOW)); // 4 / 101
        add(ledger, 33, ResultCode.CONNECTED, hourAgo);
        assertFalse(ledger.oneMoreAbandonWouldExceedCap(NOW)); // 4 / 134 = 2.99 %
    }

    @Test
    void us_counts_a_rolling_thirty_days() {
        AbandonmentLedger ledger = AbandonmentLedger.empty(AbandonDefinition.us(0.03));
        Instant thirtyDaysAgo = NOW.minus(Duration.ofDays(30));
        add(ledger, 1, ResultCode.ABANDONED, thirtyDaysAgo);                 // just out
        add(ledger, 1, ResultCode.ABANDONED, thirtyDaysAgo.plusSeconds(1));  // just in
        add(ledger, 9, ResultCode.CONNECTED, NOW);
        add(ledger, 5, ResultCode.CONNECTED, NOW.plusSeconds(1));            // not yet

        assertEquals(1.0 / 10, ledger.rateAt(NOW), EPS);
        assertEquals(0.0, ledger.rateAt(NOW.plus(Duration.ofDays(31))), EPS);
    }

    @Test
    void uk_ofcom_worked_example_from_the_vicidial_documentation() {
        // A = 29 raw drops, L = 9 agent-handled people, M = 7 agent-handled machines:
        // A_adj = 29 - 29 * 7 / 16 = 16.3125; rate = 16.3125 / (9 + 16.3125) = 64.44 %
        LedgerCounts counts = new LedgerCounts(9, 29, 0, 7);
        assertEquals(16.3125 / 25.3125, AbandonDefinition.uk(0.03, 0).rate(counts), EPS);
        assertEquals(0.6444, AbandonDefinition.uk(0.03, 0).rate(counts), 1e-4);
        // the US definition ignores the machine share: 29 / 38
        assertEquals(29.0 / 38, AbandonDefinition.us(0.03).rate(counts), EPS);
    }

    @Test
    void uk_adds_the_estimated_amd_false_positives() {
        AbandonmentLedger ledger = AbandonmentLedger.empty(AbandonDefinition.uk(0.03, 0.05));
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        add(ledger, 90, ResultCode.CONNECTED, hourAgo);
        add(ledger, 5, ResultCode.ABANDONED, hourAgo);
        add(ledger, 40, ResultCode.ANSWERING_MACHINE, hourAgo);
        for (int i = 0; i < 10; i++) {
            ledger.record(new LedgerEntry(hourAgo, AbandonmentRole.MACHINE_AT_AGENT));
        }
        // A_adj = 5 * 90 / 100 = 4.5; FP = 0.05 * 40 = 2; rate = 6.5 / (90 + 6.5)
        assertEquals(6.5 / 96.5, ledger.rateAt(NOW), EPS);
        assertEquals(96.5, ledger.estimateAt(NOW).liveAnswers(), EPS);
        assertEquals(6.5, ledger.estimateAt(NOW).abandoned(), EPS);
        assertTrue(ledger.overCapAt(NOW));
    }

    @Test
    void uk_counts_a_rolling_twenty_four_hours() {
        AbandonmentLedger ledger = AbandonmentLedger.empty(AbandonDefinition.fromAbandonWindow("PT24H", 0.03, 0));
        add(ledger, 1, ResultCode.ABANDONED, NOW.minus(Duration.ofHours(25)));
        add(ledger, 1, ResultCode.ABANDONED, NOW.minus(Duration.ofHours(23)));
        add(ledger, 49, ResultCode.CONNECTED, NOW.minus(Duration.ofHours(2)));

        assertEquals(1.0 / 50, ledger.rateAt(NOW), EPS);
        assertEquals(2.0 / 51, ledger.rateAt(NOW.minus(Duration.ofHours(2))), EPS);
    }

    @Test
    void from_counts_takes_database_aggregates_and_adds_new_entries() {
        AbandonmentLedger ledger = AbandonmentLedger.fromCounts(AbandonDefinition.us(0.03), new LedgerCounts(97, 3, 0, 0));
        assertEquals(0.03, ledger.rateAt(NOW), EPS);
        assertTrue(ledger.oneMoreAbandonWouldExceedCap(NOW));

        ledger.record(NOW, ResultCode.ABANDONED);
        assertEquals(4.0 / 101, ledger.rateAt(NOW), EPS);
        assertTrue(ledger.overCapAt(NOW));
    }

    @Test
    void an_empty_ledger_has_no_rate_but_cannot_afford_an_abandon() {
        AbandonmentLedger ledger = AbandonmentLedger.empty(AbandonDefinition.us(0.03));
        assertEquals(0.0, ledger.rateAt(NOW));
        assertTrue(ledger.oneMoreAbandonWouldExceedCap(NOW));
    }

    @Test
    void entries_in_any_order_give_the_same_counts_as_a_plain_filter() {
        Random random = new Random(7);
        AbandonDefinition definition = AbandonDefinition.uk(0.03, 0.1);
        List<LedgerEntry> entries = new ArrayList<>();
        AbandonmentRole[] roles = AbandonmentRole.values();
        for (int i = 0; i < 2000; i++) {
            entries.add(new LedgerEntry(NOW.minusSeconds(random.nextInt(3 * 86400)), roles[random.nextInt(roles.length)]));
        }
        Collections.shuffle(entries, random);
        AbandonmentLedger ledger = AbandonmentLedger.empty(definition);
        entries.forEach(ledger::record);

        for (int i = 0; i < 200; i++) {
            Instant at = NOW.minusSeconds(random.nextInt(3 * 86400));
            LedgerCounts expected = LedgerCounts.ZERO;
            for (LedgerEntry e : entries) {
                if (e.at().isAfter(at.minus(definition.window())) && !e.at().isAfter(at)) {
                    expected = expected.plus(e.role(), 1);
                }
            }
            assertEquals(expected, ledger.countsAt(at));
        }
        LedgerCounts before = ledger.countsAt(NOW);
        ledger.forgetBefore(NOW);
        assertEquals(before, ledger.countsAt(NOW));
        assertTrue(ledger.size() < entries.size());
    }

    @Test
    void unknown_windows_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> AbandonDefinition.fromAbandonWindow("P7D", 0.03, 0));
        assertEquals(AbandonDefinition.Rule.US, AbandonDefinition.fromAbandonWindow("P30D", 0.03, 0).rule());
    }
}
