package io.dialer.engine.pacing;

import static io.dialer.engine.pacing.Snapshots.aSnapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PredictivePacerTest {

    /** Feeds a plausible history: 30 % of calls reach the queue after about 8 s, talk about 150 s, wrap about 30 s. */
    static void train(Pacer pacer) {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 600; i++) {
            double t = i;
            if (random.nextDouble() < 0.3) {
                pacer.observe(new PacingObservation.CallReachedQueue(t, 8 * Math.exp(0.5 * random.nextGaussian())));
            } else {
                pacer.observe(new PacingObservation.CallFailed(t, random.nextDouble() < 0.7 ? 25 : 3));
            }
            if (i % 3 == 0) {
                pacer.observe(new PacingObservation.TalkEnded(t, 150 * Math.exp(0.8 * random.nextGaussian() - 0.32), true));
                pacer.observe(new PacingObservation.WrapEnded(t, 30 * Math.exp(0.4 * random.nextGaussian())));
            }
        }
    }

    /** Forty agents deep into long calls, one wrapping up nearly done: many will free up within the ring time. */
    private static Snapshots busyTeam() {
        return aSnapshot().agents(2, AgentState.READY, 3).agents(40, AgentState.TALKING, 240)
                .agents(8, AgentState.WRAP, 40).ringing(2, 3);
    }

    @Test
    void given_no_observations_when_deciding_then_it_dials_progressively() {
        PredictivePacer pacer = new PredictivePacer(PacerConfig.defaults());
        PacingSnapshot snapshot = busyTeam().build();
        assertEquals(snapshot.progressiveCalls(), pacer.decide(snapshot).calls());
    }

    @Test
    void given_learned_estimates_when_agents_are_about_to_free_then_it_overdials() {
        PredictivePacer pacer = new PredictivePacer(PacerConfig.defaults());
        train(pacer);
        PacingSnapshot snapshot = busyTeam().ledger(1000, 10).build();
        assertTrue(pacer.decide(snapshot).calls() > snapshot.progressiveCalls());
    }

    @Test
    void given_a_ledger_over_the_cap_when_deciding_then_it_falls_back_to_progressive() {
        PredictivePacer pacer = new PredictivePacer(PacerConfig.defaults());
        train(pacer);
        PacingSnapshot snapshot = busyTeam().ledger(1000, 45).build();
        assertEquals(snapshot.progressiveCalls(), pacer.decide(snapshot).calls());
    }

    @Test
    void given_abandonment_above_its_set_point_when_deciding_then_the_margin_widens() {
        PredictivePacer pacer = new PredictivePacer(PacerConfig.defaults());
        double onBudget = pacer.safetyZ(busyTeam().ledger(1000, 20).build());
        double overBudget = pacer.safetyZ(busyTeam().ledger(1000, 28).build());
        assertTrue(overBudget > onBudget);
    }

    @Test
    void given_calls_waiting_for_agents_when_nobody_frees_soon_then_it_does_not_overdial() {
        PredictivePacer pacer = new PredictivePacer(PacerConfig.defaults());
        train(pacer);
        PacingSnapshot snapshot = aSnapshot().agents(10, AgentState.TALKING, 5).waiting(2).ringing(5, 2)
                .ledger(1000, 10).build();
        assertEquals(0, pacer.decide(snapshot).calls());
    }

    @Test
    void given_few_answers_in_the_last_hour_when_two_more_abandons_would_pass_five_percent_then_it_dials_progressively() {
        PredictivePacer quiet = new PredictivePacer(PacerConfig.defaults());
        PredictivePacer near = new PredictivePacer(PacerConfig.defaults());
        for (PredictivePacer pacer : new PredictivePacer[] {quiet, near}) {
            train(pacer);
            pacer.decide(busyTeam().at(60).build());
        }
        PacingSnapshot noAbandons = busyTeam().at(3000).ledger(60, 0).build();
        PacingSnapshot twoAbandons = busyTeam().at(3000).ledger(60, 2).build();
        assertTrue(quiet.decide(noAbandons).calls() > noAbandons.progressiveCalls());
        assertEquals(twoAbandons.progressiveCalls(), near.decide(twoAbandons).calls());
    }

    @Test
    void given_abandons_in_the_last_hour_when_deciding_then_the_hourly_headroom_shrinks_and_it_dials_no_more() {
        PredictivePacer quiet = new PredictivePacer(PacerConfig.defaults());
        PredictivePacer used = new PredictivePacer(PacerConfig.defaults());
        for (PredictivePacer pacer : new PredictivePacer[] {quiet, used}) {
            train(pacer);
            pacer.decide(busyTeam().at(60).build());
        }
        PacingSnapshot none = busyTeam().at(3000).ledger(400, 0).build();
        PacingSnapshot some = busyTeam().at(3000).ledger(400, 8).build();
        assertTrue(used.hourHeadroom(some) < quiet.hourHeadroom(none));
        assertTrue(used.decide(some).calls() <= quiet.decide(none).calls());
    }
}
