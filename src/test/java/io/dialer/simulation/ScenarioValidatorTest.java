package io.dialer.simulation;

import io.dialer.engine.sim.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioValidatorTest {

    private static SimulationRequest empty() {
        return new SimulationRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    @Test
    void theDefaultScenarioIsValidAndWithinTheCap() {
        ScenarioValidator.Outcome outcome = ScenarioValidator.validate(empty());
        assertEquals(List.of(), outcome.errors());
        assertEquals(Scenario.defaults(), outcome.scenario());
        // the reference: 50 agents, 8 h, 30 seeds, all seven algorithms
        assertEquals(50.0 * 28_800 * 30 * (1 + 9 + 1 + 1 + 8 + 8 + 3), ScenarioValidator.work(outcome.scenario()));
        assertTrue(ScenarioValidator.work(outcome.scenario()) <= ScenarioValidator.MAX_WORK);
    }

    @Test
    void nullsInsideListsAreReportedWithTheOtherErrors() {
        SimulationRequest r = new SimulationRequest(5000, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, java.util.Arrays.asList(1.0, null), null, null,
                java.util.Arrays.asList("PREDICTIVE", null), java.util.Arrays.asList(new Scenario.CallingWindow(10.0, null)));
        List<String> fields = ScenarioValidator.validate(r).errors().stream().map(e -> e.field()).toList();
        assertEquals(List.of("algorithms[1]", "liveRateByHour[1]", "callingWindows[0].toSeconds", "agents"), fields);
    }
}
