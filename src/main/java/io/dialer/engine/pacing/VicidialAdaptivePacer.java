package io.dialer.engine.pacing;

import java.util.ArrayDeque;

/**
 * VICIdial ADAPT_HARD_LIMIT re-implemented from its description (research notes, section 2), not from its code.
 * <ul>
 *   <li>every second: sample ready agents, waiting calls and logged-in agents; keep the last 15 samples;</li>
 *   <li>every 15 s: multiply the dial level L by 1 + (mean ready - mean waiting) / mean agents, shaped by the
 *       intensity, clamped to [1, 3]; halve it when more than half of over 20 calls in the last minute dropped;
 *       force it to 1.0 while the drop rate since the start of the shift is over the cap (after 50 calls);</li>
 *   <li>every dial-loop period: place round(L x A) minus the lines in use, where A counts ready and talking agents
 *       (agents in wrap-up are not active).</li>
 * </ul>
 */
public final class VicidialAdaptivePacer implements Pacer {

    private static final int SAMPLES = 15;
    private static final double UPDATE_SECONDS = 15;
    private static final double MAX_LEVEL = 3.0;

    private final double intensity;
    private final double dialLoopSeconds;
    private final double[] ready = new double[SAMPLES];
    private final double[] waiting = new double[SAMPLES];
    private final double[] agents = new double[SAMPLES];
    private final ArrayDeque<double[]> lastMinute = new ArrayDeque<>();
    private int samples;
    private double level = 1.0;
    private double nextSample = Double.NEGATIVE_INFINITY;
    private double nextUpdate = UPDATE_SECONDS;
    private double nextDial = Double.NEGATIVE_INFINITY;
    private long callsToday;

    public VicidialAdaptivePacer(PacerConfig config) {
        this.intensity = config.vicidialIntensity() / 100.0;
        this.dialLoopSeconds = config.vicidialDialLoopSeconds();
    }

    public double level() {
        return level;
    }

    @Override
    public PacingAlgorithm algorithm() {
        return PacingAlgorithm.VICIDIAL_ADAPTIVE;
    }

    @Override
    public void observe(PacingObservation observation) {
        if (observation instanceof PacingObservation.CallReachedQueue || observation instanceof PacingObservation.CallFailed) {
            callsToday++;
            lastMinute.addLast(new double[] {observation.atSeconds(), 0});
        } else if (observation instanceof PacingObservation.CallAbandoned) {
            lastMinute.addLast(new double[] {observation.atSeconds(), 1});
        }
    }

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        double now = snapshot.nowSeconds();
        if (now >= nextSample) {
            sample(snapshot);
            nextSample = Math.floor(now) + 1;
        }
        if (now >= nextUpdate) {
            updateLevel(snapshot);
            nextUpdate += UPDATE_SECONDS;
        }
        if (now < nextDial) {
            return new PacingDecision.Hold("between dial loops");
        }
        nextDial = (nextDial == Double.NEGATIVE_INFINITY ? now : nextDial) + dialLoopSeconds;
        int active = snapshot.readyAgents() + snapshot.count(AgentState.TALKING);
        int goal = (int) Math.round(level * active);
        int calls = Math.min(snapshot.freeLines(), goal - snapshot.linesInUse());
        return PacingDecision.dial(calls, "dial level " + level);
    }

    private void sample(PacingSnapshot snapshot) {
        int slot = samples % SAMPLES;
        ready[slot] = snapshot.readyAgents();
        waiting[slot] = snapshot.waitingCalls().size();
        agents[slot] = snapshot.activeAgents();
        samples++;
    }

    private void updateLevel(PacingSnapshot snapshot) {
        int n = Math.min(samples, SAMPLES);
        if (n == 0) {
            return;
        }
        double meanReady = 0;
        double meanWaiting = 0;
        double meanAgents = 0;
        for (int i = 0; i < n; i++) {
            meanReady += ready[i];
            meanWaiting += waiting[i];
            meanAgents += agents[i];
        }
        meanReady /= n;
        meanWaiting /= n;
        meanAgents /= n;
        double differential = meanReady - meanWaiting;
        double percent = differential == 0 || meanAgents == 0 ? 0 : 100 * differential / meanAgents;
        percent = percent < 0 ? percent * Math.abs(intensity - 1) : percent * (1 + intensity);
        double next = Math.round(level * (1 + percent / 100) * 1000) / 1000.0;
        next = Math.max(1.0, Math.min(MAX_LEVEL, next));

        double now = snapshot.nowSeconds();
        while (!lastMinute.isEmpty() && lastMinute.peekFirst()[0] < now - 60) {
            lastMinute.removeFirst();
        }
        int calls = 0;
        int drops = 0;
        for (double[] event : lastMinute) {
            if (event[1] == 0) {
                calls++;
            } else {
                drops++;
            }
        }
        if (calls > 20 && drops > 0.5 * calls) {
            next = next / 2;
        }
        if (callsToday > 50 && snapshot.ledger().rate() > snapshot.maxAbandonRate()) {
            next = 1.0;
        }
        level = Math.max(1.0, next);
    }
}
