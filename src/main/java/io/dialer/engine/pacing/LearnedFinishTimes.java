package io.dialer.engine.pacing;

import java.util.Arrays;

/**
 * Finish-time forecast from the learned talk and wrap distributions: the residual talk time given the elapsed talk time,
 * convolved with the wrap-up time, and the residual wrap given the elapsed wrap.
 */
final class LearnedFinishTimes implements FinishTimeForecast {

    private final CallOutcomeModel model;
    private double[] wrapCdfAtHalves = new double[0];
    private double[] talkEndShare = new double[0];
    private double[] straightToReady = new double[0];

    LearnedFinishTimes(CallOutcomeModel model) {
        this.model = model;
    }

    /** Caches the wrap CDF at y + 0.5 s; call once per tick before forecasting. */
    void prepare(int horizon) {
        if (wrapCdfAtHalves.length != horizon + 1) {
            wrapCdfAtHalves = new double[horizon + 1];
            talkEndShare = new double[horizon + 1];
            straightToReady = new double[horizon + 1];
        }
        for (int k = 0; k <= horizon; k++) {
            wrapCdfAtHalves[k] = 1 - model.wrapSurvival().at(k + 0.5);
        }
    }

    @Override
    public void freeWithin(AgentView agent, double[] out) {
        switch (agent.state()) {
            case READY -> Arrays.fill(out, 1.0);
            case PAUSED -> Arrays.fill(out, 0.0);
            case WRAP -> residualWrap(agent.elapsedSeconds(), out);
            case TALKING -> residualTalkThenWrap(agent.elapsedSeconds(), out);
        }
    }

    private void residualWrap(double elapsed, double[] out) {
        Tabulated wrap = model.wrapSurvival();
        double alive = wrap.at(elapsed);
        out[0] = 0;
        for (int y = 1; y < out.length; y++) {
            out[y] = alive > 0 ? 1 - wrap.at(elapsed + y) / alive : 1;
        }
    }

    private void residualTalkThenWrap(double elapsed, double[] out) {
        Tabulated withWrap = model.talkThenWrapTail();
        Tabulated withoutWrap = model.talkOnlyTail();
        double alive = withWrap.at(elapsed) + withoutWrap.at(elapsed);
        int horizon = out.length - 1;
        double previousWith = withWrap.at(elapsed);
        double previousWithout = withoutWrap.at(elapsed);
        double endedWithoutWrap = 0;
        for (int j = 1; j <= horizon; j++) {
            double nextWith = withWrap.at(elapsed + j);
            double nextWithout = withoutWrap.at(elapsed + j);
            talkEndShare[j] = alive > 0 ? (previousWith - nextWith) / alive : 0;
            endedWithoutWrap += alive > 0 ? (previousWithout - nextWithout) / alive : 0;
            straightToReady[j] = endedWithoutWrap;
            previousWith = nextWith;
            previousWithout = nextWithout;
        }
        out[0] = 0;
        for (int y = 1; y <= horizon; y++) {
            double p = straightToReady[y];
            // the talk ends in second j (taken at its middle); the wrap must then fit in the remaining y - j + 0.5 s
            for (int j = 1; j <= y; j++) {
                p += talkEndShare[j] * wrapCdfAtHalves[y - j];
            }
            out[y] = p;
        }
    }
}
