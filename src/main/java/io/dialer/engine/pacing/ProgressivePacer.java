package io.dialer.engine.pacing;

/** 1:1 power dialling: one call per ready agent not already covered by a call in flight or waiting. */
public final class ProgressivePacer implements Pacer {

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        return PacingDecision.dial(snapshot.progressiveCalls(), "one call per uncovered ready agent");
    }

    @Override
    public PacingAlgorithm algorithm() {
        return PacingAlgorithm.PROGRESSIVE;
    }
}
