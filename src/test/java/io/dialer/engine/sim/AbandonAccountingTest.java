package io.dialer.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.pacing.Pacer;
import io.dialer.engine.pacing.PacerConfig;
import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.pacing.PacingDecision;
import io.dialer.engine.pacing.PacingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One agent, hand-built leads, a scripted pacer:
 * <ul>
 *   <li>t=0: lead 0 (person, answers at 1 s, talks 5 s) is connected; lead 1 (person, answers at 2 s) finds the agent
 *       busy and is abandoned; lead 2 (machine, answers at 3 s, AMD off) is dropped too;</li>
 *   <li>t=10: lead 3 (machine) reaches the free agent; t=30: lead 4 (person) is connected;</li>
 *   <li>t=50: lead 5 has lead 1's number.</li>
 * </ul>
 * US (lead 5 is dialled and connected): 1 abandoned of 4 live answers. UK (lead 5 is locked out): A = 2 raw drops,
 * L = 2, M = 1, A_adj = 2 x 2/3, rate = A_adj / (L + A_adj).
 */
class AbandonAccountingTest {

    private static final double PERSON = 0.1;
    private static final double MACHINE = 0.4;

    private static LeadFate lead(int index, long number, double outcome, double answerAfter, double talk) {
        return new LeadFate(index, number, outcome, answerAfter, answerAfter, 2, 2, talk, 0, 10, 0.5, 3);
    }

    private static final List<LeadFate> LEADS = List.of(
            lead(0, 100, PERSON, 1, 5),
            lead(1, 101, PERSON, 2, 5),
            lead(2, 102, MACHINE, 3, 5),
            lead(3, 103, MACHINE, 1, 5),
            lead(4, 104, PERSON, 1, 5),
            lead(5, 101, PERSON, 1, 5));

    private static final Map<Double, Integer> SCRIPT = Map.of(0.0, 3, 10.0, 1, 30.0, 1, 50.0, 1);

    private static final Pacer SCRIPTED = new Pacer() {
        @Override
        public PacingDecision decide(PacingSnapshot snapshot) {
            return PacingDecision.dial(SCRIPT.getOrDefault(snapshot.nowSeconds(), 0), "script");
        }

        @Override
        public PacingAlgorithm algorithm() {
            return PacingAlgorithm.PROGRESSIVE;
        }
    };

    private static RunResult run(Regulation regulation, List<Long> dialledNumbers) {
        Scenario scenario = Scenario.defaults().withAgents(1).withShift(120, 0, 1).withRegulation(regulation);
        LeadList leads = index -> index < LEADS.size() ? LEADS.get((int) index) : null;
        return new Simulation(scenario, 1, leads, PacingAlgorithm.PROGRESSIVE, PacerConfig.defaults(), SCRIPTED,
                new SimulationListener() {
                    @Override
                    public void dialed(double time, LeadFate lead, Outcome outcome, int linesInUse, int lineCap) {
                        dialledNumbers.add(lead.phoneNumber());
                    }
                }).run();
    }

    @Test
    void us_rate_is_abandoned_live_answers_over_live_answers() {
        RunResult result = run(Regulation.US, new ArrayList<>());
        assertEquals(1.0 / 4.0, result.abandonRate(), 1e-9);
    }

    @Test
    void uk_rate_adjusts_raw_drops_by_the_machine_share_agents_saw() {
        RunResult result = run(Regulation.UK, new ArrayList<>());
        double adjusted = 2.0 * 2.0 / 3.0;
        assertEquals(adjusted / (2 + adjusted), result.abandonRate(), 1e-9);
    }

    @Test
    void uk_locks_out_an_abandoned_number_but_us_redials_it() {
        List<Long> uk = new ArrayList<>();
        run(Regulation.UK, uk);
        List<Long> us = new ArrayList<>();
        run(Regulation.US, us);
        assertEquals(1, uk.stream().filter(n -> n == 101).count(), "UK: 72 h lock-out after the abandon");
        assertEquals(2, us.stream().filter(n -> n == 101).count());
    }

    @Test
    void amd_false_positives_count_as_abandoned_live_answers() {
        Scenario scenario = Scenario.defaults().withAgents(1).withShift(120, 0, 1)
                .withAmd(new Scenario.Amd(true, 0.6, 0.0, List.of(1.0, 1.0)));
        // amdDraw 0.5 < falsePositive 0.6: every person is judged a machine and hung up on
        List<LeadFate> people = List.of(lead(0, 1, PERSON, 1, 5), lead(1, 2, PERSON, 1, 5));
        LeadList leads = index -> index < people.size() ? people.get((int) index) : null;
        RunResult result = new Simulation(scenario, 1, leads, PacingAlgorithm.PROGRESSIVE, PacerConfig.defaults(), SCRIPTED,
                new SimulationListener() { }).run();
        assertEquals(1.0, result.abandonRate(), 1e-9);
        assertFalse(result.utilization() > 0);
        assertTrue(result.dials() == 2);
    }
}
