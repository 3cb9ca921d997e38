package io.dialer.engine.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.pacing.PacerConfig;
import io.dialer.engine.pacing.PacingAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ORACLE is the bound no policy can pass: it must beat every real pacer at every team size and never abandon. */
class OracleIsTheBoundTest {

    @ParameterizedTest(name = "{0} agents, live rate {1}")
    @CsvSource({"5, 0.30", "50, 0.30", "300, 0.15"})
    void given_a_team_when_the_oracle_paces_then_it_is_busier_than_every_pacer_and_abandons_nobody(int agents, double live) {
        Scenario scenario = Scenario.defaults().withAgents(agents).withShift(5400, 900, 1)
                .withMix(new Scenario.Mix(live, 0.25, 0.60 - live, 0.05, 0.05));
        RunResult oracle = new Simulation(scenario, 3, PacingAlgorithm.ORACLE, PacerConfig.defaults()).run();
        for (PacingAlgorithm algorithm : new PacingAlgorithm[] {
                PacingAlgorithm.PROGRESSIVE, PacingAlgorithm.PREDICTIVE, PacingAlgorithm.SEMI_ORACLE}) {
            RunResult other = new Simulation(scenario, 3, algorithm, PacerConfig.defaults()).run();
            assertTrue(oracle.utilization() > other.utilization(),
                    "ORACLE " + oracle.utilization() + " vs " + algorithm + " " + other.utilization());
        }
        assertEquals(0, oracle.abandonRate(), "ORACLE abandon rate");
        assertTrue(oracle.utilization() > 0.98, "ORACLE utilization " + oracle.utilization());
    }
}
