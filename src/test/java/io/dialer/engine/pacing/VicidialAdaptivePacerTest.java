package io.dialer.engine.pacing;

import static io.dialer.engine.pacing.Snapshots.aSnapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VicidialAdaptivePacerTest {

    @Test
    void given_idle_agents_for_15_seconds_then_the_dial_level_rises() {
        VicidialAdaptivePacer pacer = new VicidialAdaptivePacer(PacerConfig.defaults());
        for (int t = 0; t <= 15; t++) {
            pacer.decide(aSnapshot().at(t).agents(5, AgentState.READY, 1).agents(15, AgentState.TALKING, 10).build());
        }
        // differential 5 of 20 agents: +25 %
        assertEquals(1.25, pacer.level(), 1e-9);
    }

    @Test
    void given_drops_over_the_cap_since_shift_start_then_the_level_is_forced_to_one() {
        VicidialAdaptivePacer pacer = new VicidialAdaptivePacer(PacerConfig.defaults());
        for (int i = 0; i < 60; i++) {
            pacer.observe(new PacingObservation.CallFailed(i, 25));
        }
        for (int t = 0; t <= 30; t++) {
            pacer.decide(aSnapshot().at(t).agents(5, AgentState.READY, 1).agents(15, AgentState.TALKING, 10)
                    .ledger(100, 10).build());
        }
        assertEquals(1.0, pacer.level(), 1e-9);
    }

    @Test
    void agents_in_wrap_up_are_not_active_in_the_dial_loop() {
        VicidialAdaptivePacer pacer = new VicidialAdaptivePacer(PacerConfig.defaults());
        PacingSnapshot snapshot = aSnapshot().at(0).agents(2, AgentState.READY, 1).agents(20, AgentState.WRAP, 5).build();
        // level 1.0 x (2 ready + 0 talking) = 2 lines
        assertTrue(pacer.decide(snapshot).calls() <= 2);
    }
}
