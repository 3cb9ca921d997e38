package io.dialer.engine.pacing;

/**
 * Open-loop dialling at the Poisson rate that Erlang B says gives the abandonment cap: with N active agents, answers
 * reaching the queue with probability p and an average handle time h, the offered load a solves B(N, a) = cap and the
 * dial rate is a / (p h). It ignores agent states (that is the point of the baseline), learns p and h online, and
 * dials progressively until it has data.
 */
public final class ErlangPacer implements Pacer {

    private final CallOutcomeModel model;
    private double owed;
    private double lastNow = Double.NaN;
    private int cachedAgents = -1;
    private double cachedCap = Double.NaN;
    private double cachedLoad;

    public ErlangPacer(PacerConfig config) {
        this.model = new CallOutcomeModel(config);
    }

    @Override
    public PacingAlgorithm algorithm() {
        return PacingAlgorithm.ERLANG;
    }

    @Override
    public void observe(PacingObservation observation) {
        model.observe(observation);
    }

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        double now = snapshot.nowSeconds();
        double elapsed = Double.isNaN(lastNow) ? 0 : now - lastNow;
        lastNow = now;
        if (!model.readyToPredict()) {
            return PacingDecision.dial(snapshot.progressiveCalls(), "progressive until enough calls are observed");
        }
        double handle = model.meanHandle();
        double reach = model.reachProbability();
        if (handle <= 0 || reach <= 0) {
            return PacingDecision.dial(snapshot.progressiveCalls(), "no handle time yet");
        }
        double load = offeredLoad(snapshot.activeAgents(), snapshot.maxAbandonRate());
        owed += elapsed * load / (reach * handle);
        int calls = Math.min(snapshot.freeLines(), (int) Math.floor(owed));
        owed -= Math.max(0, calls);
        owed = Math.min(owed, snapshot.activeAgents() + 1.0);
        return PacingDecision.dial(calls, "Erlang B rate");
    }

    private double offeredLoad(int agents, double cap) {
        if (agents != cachedAgents || cap != cachedCap) {
            cachedAgents = agents;
            cachedCap = cap;
            cachedLoad = ErlangB.loadForBlocking(agents, cap);
        }
        return cachedLoad;
    }
}
