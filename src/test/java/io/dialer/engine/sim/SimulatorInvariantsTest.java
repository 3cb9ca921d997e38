package io.dialer.engine.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.api.Test;

class SimulatorInvariantsTest {

    /** Asks for far more calls than allowed, every tick: the simulator must hold the line. */
    private static final Pacer GREEDY = new Pacer() {
        @Override
        public PacingDecision decide(PacingSnapshot snapshot) {
            return PacingDecision.dial(1000, "greedy");
        }

        @Override
        public PacingAlgorithm algorithm() {
            return PacingAlgorithm.PROGRESSIVE;
        }
    };

    private static Scenario small(int agents, double shift) {
        return Scenario.defaults().withAgents(agents).withShift(shift, 0, 1);
    }

    private static RunResult run(Scenario scenario, long seed, Pacer pacer, SimulationListener listener) {
        return new Simulation(scenario, seed, new GeneratedLeads(scenario, seed), PacingAlgorithm.PROGRESSIVE,
                PacerConfig.defaults(), pacer, listener).run();
    }

    @Test
    void given_a_greedy_pacer_when_it_asks_for_more_lines_then_the_line_cap_holds() {
        List<String> violations = new ArrayList<>();
        run(small(4, 1800), 3, GREEDY, new SimulationListener() {
            @Override
            public void dialed(double time, LeadFate lead, Outcome outcome, int linesInUse, int lineCap) {
                if (linesInUse > lineCap || lineCap > 12) {
                    violations.add(time + ": " + linesInUse + " > " + lineCap);
                }
            }
        });
        assertTrue(violations.isEmpty(), violations.toString());
    }

    @Test
    void given_calling_windows_when_running_then_no_call_is_placed_outside_them() {
        Scenario scenario = small(5, 1800).withCallingWindows(List.of(
                new Scenario.CallingWindow(100.0, 400.0), new Scenario.CallingWindow(900.0, 1200.0)));
        List<Double> dialTimes = new ArrayList<>();
        run(scenario, 5, GREEDY, new SimulationListener() {
            @Override
            public void dialed(double time, LeadFate lead, Outcome outcome, int linesInUse, int lineCap) {
                dialTimes.add(time);
            }
        });
        assertFalse(dialTimes.isEmpty());
        for (double t : dialTimes) {
            assertTrue(t >= 100 && t < 400 || t >= 900 && t < 1200, "dialled at " + t);
        }
    }

    @Test
    void given_a_ring_timeout_when_calls_ring_then_none_rings_longer() {
        Scenario scenario = new Scenario(5, 1800.0, 0.0, 1, 1L, null, new Scenario.LogNormal(12.0, 0.8), null, null, null,
                null, 15.0, null, null, null, null, null, null, null, null, null, null).withDefaults();
        double[] longest = new double[2];
        run(scenario, 9, GREEDY, new SimulationListener() {
            @Override
            public void callFailed(double time, LeadFate lead, double secondsAfterDial) {
                longest[0] = Math.max(longest[0], secondsAfterDial);
            }

            @Override
            public void callReachedQueue(double time, LeadFate lead, double secondsAfterDial) {
                longest[1] = Math.max(longest[1], secondsAfterDial);
            }
        });
        assertEquals(15.0, longest[0], 1e-9, "no-answers are released exactly at the timeout");
        assertTrue(longest[1] <= 15.0, "answered after " + longest[1]);
    }

    @Test
    void given_the_same_seed_when_run_twice_then_results_are_identical() {
        Scenario scenario = small(8, 3600);
        RunResult first = new Simulation(scenario, 42, PacingAlgorithm.PREDICTIVE, PacerConfig.defaults()).run();
        RunResult second = new Simulation(scenario, 42, PacingAlgorithm.PREDICTIVE, PacerConfig.defaults()).run();
        assertEquals(first.utilization(), second.utilization());
        assertEquals(first.abandonRate(), second.abandonRate());
        assertEquals(first.dials(), second.dials());
        assertArrayEquals(first.idleWaitHistogram(), second.idleWaitHistogram());
    }

    @Test
    void given_two_algorithms_when_run_on_one_seed_then_they_dial_identical_leads_in_list_order() {
        Scenario scenario = small(8, 1800);
        List<LeadFate> progressive = dialledLeads(scenario, PacingAlgorithm.PROGRESSIVE);
        List<LeadFate> predictive = dialledLeads(scenario, PacingAlgorithm.VICIDIAL_ADAPTIVE);
        int common = Math.min(progressive.size(), predictive.size());
        assertTrue(common > 50);
        for (int i = 0; i < common; i++) {
            assertEquals(i, progressive.get(i).index(), "list order");
            assertEquals(progressive.get(i), predictive.get(i), "same fate for lead " + i);
        }
    }

    private static List<LeadFate> dialledLeads(Scenario scenario, PacingAlgorithm algorithm) {
        List<LeadFate> leads = new ArrayList<>();
        new Simulation(scenario, 11, new GeneratedLeads(scenario, 11), algorithm, PacerConfig.defaults(), null,
                new SimulationListener() {
                    @Override
                    public void dialed(double time, LeadFate lead, Outcome outcome, int linesInUse, int lineCap) {
                        leads.add(lead);
                    }
                }).run();
        return leads;
    }
}
