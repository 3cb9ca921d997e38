package io.dialer.engine.pacing;

import static io.dialer.engine.pacing.Snapshots.aSnapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacersTest {

    @Test
    void progressive_covers_each_uncovered_ready_agent_once() {
        PacingSnapshot snapshot = aSnapshot().agents(3, AgentState.READY, 1).agents(5, AgentState.TALKING, 30)
                .ringing(1, 4).build();
        assertEquals(2, new ProgressivePacer().decide(snapshot).calls());
    }

    @Test
    void progressive_never_exceeds_ready_agents_or_free_lines_on_random_snapshots() {
        SplittableRandom random = new SplittableRandom(7);
        ProgressivePacer pacer = new ProgressivePacer();
        for (int i = 0; i < 2000; i++) {
            PacingSnapshot snapshot = randomSnapshot(random);
            int calls = pacer.decide(snapshot).calls();
            assertTrue(calls <= snapshot.readyAgents(), "more calls than ready agents");
            assertTrue(calls <= snapshot.freeLines(), "more calls than free lines");
            assertTrue(calls >= 0);
        }
    }

    @Test
    void every_pacer_respects_the_free_lines_on_random_snapshots() {
        SplittableRandom random = new SplittableRandom(8);
        for (PacingAlgorithm algorithm : new PacingAlgorithm[] {PacingAlgorithm.PROGRESSIVE, PacingAlgorithm.FIXED_RATIO,
                PacingAlgorithm.VICIDIAL_ADAPTIVE, PacingAlgorithm.ERLANG, PacingAlgorithm.PREDICTIVE}) {
            Pacer pacer = Pacers.create(algorithm, PacerConfig.defaults().withFixedRatio(3.0));
            PredictivePacerTest.train(pacer);
            for (int i = 0; i < 500; i++) {
                PacingSnapshot snapshot = randomSnapshot(random);
                int calls = pacer.decide(snapshot).calls();
                assertTrue(calls <= snapshot.freeLines(), algorithm + " exceeded the free lines");
            }
        }
    }

    @Test
    void fixed_ratio_keeps_ratio_times_ready_and_talking_lines_in_use() {
        PacingSnapshot snapshot = aSnapshot().agents(2, AgentState.READY, 1).agents(8, AgentState.TALKING, 30)
                .agents(5, AgentState.WRAP, 3).ringing(4, 2).build();
        // round(1.5 x 10) = 15 lines; in use 4 ringing + 8 talking
        assertEquals(3, new FixedRatioPacer(1.5).decide(snapshot).calls());
    }

    @Test
    void oracles_cannot_be_created_for_a_live_campaign() {
        assertThrows(IllegalArgumentException.class, () -> Pacers.create(PacingAlgorithm.ORACLE, PacerConfig.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> Pacers.create(PacingAlgorithm.SEMI_ORACLE, PacerConfig.defaults()));
    }

    @Test
    void erlang_b_matches_the_pooling_table_of_the_notes() {
        // at 3 % loss the occupancy ceiling of a blind dialer is about 0.81 for 50 agents and 0.36 for 5
        assertEquals(0.81, ErlangB.loadForBlocking(50, 0.03) * 0.97 / 50, 0.01);
        assertEquals(0.36, ErlangB.loadForBlocking(5, 0.03) * 0.97 / 5, 0.01);
    }

    static PacingSnapshot randomSnapshot(SplittableRandom random) {
        Snapshots builder = aSnapshot().at(600 + random.nextInt(1000));
        int agents = 1 + random.nextInt(40);
        for (int a = 0; a < agents; a++) {
            AgentState state = AgentState.values()[random.nextInt(4)];
            builder.agents(1, state, random.nextDouble() * 300);
        }
        builder.ringing(random.nextInt(agents * 2 + 1), random.nextDouble() * 25);
        builder.waiting(random.nextInt(3));
        return builder.ledger(random.nextInt(500), random.nextInt(20)).build();
    }
}
