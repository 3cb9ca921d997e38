package io.dialer.engine.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.pacing.PacerConfig;
import io.dialer.engine.pacing.PacingAlgorithm;
import org.junit.jupiter.api.Test;

class PredictiveBeatsProgressiveTest {

    @Test
    void given_a_short_shift_when_pacing_predictively_then_agents_are_busier_and_abandonment_stays_under_the_cap() {
        Scenario scenario = Scenario.defaults().withAgents(30).withShift(7200, 900, 1);
        RunResult progressive = new Simulation(scenario, 2, PacingAlgorithm.PROGRESSIVE, PacerConfig.defaults()).run();
        RunResult predictive = new Simulation(scenario, 2, PacingAlgorithm.PREDICTIVE, PacerConfig.defaults()).run();
        assertTrue(predictive.utilization() > progressive.utilization() + 0.05,
                predictive.utilization() + " vs " + progressive.utilization());
        assertTrue(predictive.abandonRate() <= scenario.maxAbandonRate(), "abandon rate " + predictive.abandonRate());
        assertTrue(progressive.abandonRate() == 0);
    }
}
