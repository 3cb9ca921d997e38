package io.dialer.engine.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The people-or-machines mix of agent work follows the answer rate quickly; the talk durations are learned slowly. */
class ServiceMixTest {

    @Test
    void given_agents_start_meeting_machines_when_the_model_learns_then_the_mix_moves_within_a_few_hundred_talks() {
        CallOutcomeModel model = new CallOutcomeModel(PacerConfig.defaults());
        double t = 0;
        for (int i = 0; i < 2000; i++) {
            model.observe(new PacingObservation.TalkEnded(t++, 150, true));
        }
        assertEquals(1.0, model.wrapUpShare(), 1e-9);
        double humanHandle = model.meanHandle();
        for (int i = 0; i < 600; i++) {
            // a new list: every other connected call is now a machine the agent dispositions in 8 s
            model.observe(new PacingObservation.TalkEnded(t++, i % 2 == 0 ? 8 : 150, i % 2 != 0));
        }
        assertEquals(0.5, model.wrapUpShare(), 0.05);
        for (int i = 0; i < 20; i++) {
            model.observe(new PacingObservation.WrapEnded(t++, 30));
        }
        model.refresh(t);
        assertTrue(model.meanHandle() < 0.65 * (humanHandle + 30),
                "mean handle " + model.meanHandle() + " should be near half machines, half people");
    }
}
