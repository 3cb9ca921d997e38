package io.dialer.engine.pacing;

/**
 * VICIdial RATIO: keep round(k x A) lines in use, where A counts ready and talking agents (agents in wrap-up are not
 * active) and lines include connected calls.
 */
public final class FixedRatioPacer implements Pacer {

    private final double ratio;

    public FixedRatioPacer(double ratio) {
        this.ratio = ratio;
    }

    public double ratio() {
        return ratio;
    }

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        int active = snapshot.readyAgents() + snapshot.count(AgentState.TALKING);
        int goal = (int) Math.round(ratio * active);
        int calls = Math.min(snapshot.freeLines(), goal - snapshot.linesInUse());
        return PacingDecision.dial(calls, "ratio " + ratio);
    }

    @Override
    public PacingAlgorithm algorithm() {
        return PacingAlgorithm.FIXED_RATIO;
    }
}
