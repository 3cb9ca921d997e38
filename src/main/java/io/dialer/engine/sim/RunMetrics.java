package io.dialer.engine.sim;

import io.dialer.engine.pacing.AgentState;

/**
 * Accumulates one run's metrics. Agent time is clipped to the measurement window [warm-up, shift end]; call events
 * count when they happen inside it.
 *
 * <p>Recovery after a step change: the reference is the utilization from 30 minutes after the step to the end of the
 * shift. Recovery is the time from the step to the start of the first 10-minute window whose utilization is within
 * 0.02 of that reference and whose abandonment (US definition) is within the cap.
 */
final class RunMetrics {

    private static final int IDLE_BINS = 18_000;
    private static final int RECOVERY_WINDOW_MINUTES = 10;

    private final double windowStart;
    private final double windowEnd;
    private final Regulation regulation;
    private final double maxAbandonRate;
    private final Scenario.StepChange step;
    private final AbandonCounts total = new AbandonCounts();
    private final AbandonCounts[] hours;
    private final double[] minuteBusy;
    private final double[] minuteLoggedIn;
    private final long[] minuteLive;
    private final long[] minuteAbandoned;
    private final long[] idleWaits = new long[IDLE_BINS + 1];
    private double loggedIn;
    private double talk;
    private double wrap;
    private long contacts;
    private long dialsInWindow;
    private long dials;

    RunMetrics(Scenario scenario) {
        this.windowStart = scenario.warmupSeconds();
        this.windowEnd = scenario.shiftSeconds();
        this.regulation = scenario.regulation();
        this.maxAbandonRate = scenario.maxAbandonRate();
        this.step = scenario.stepChange();
        int hourCount = (int) Math.ceil(windowEnd / 3600) + 1;
        hours = new AbandonCounts[hourCount];
        for (int i = 0; i < hourCount; i++) {
            hours[i] = new AbandonCounts();
        }
        int minutes = (int) Math.ceil(windowEnd / 60) + 1;
        boolean tracksRecovery = step != null;
        minuteBusy = new double[tracksRecovery ? minutes : 0];
        minuteLoggedIn = new double[tracksRecovery ? minutes : 0];
        minuteLive = new long[tracksRecovery ? minutes : 0];
        minuteAbandoned = new long[tracksRecovery ? minutes : 0];
    }

    private boolean inWindow(double t) {
        return t >= windowStart && t <= windowEnd;
    }

    private AbandonCounts hour(double t) {
        return hours[(int) Math.min(hours.length - 1, t / 3600)];
    }

    void agentTime(AgentState state, double from, double to) {
        if (state == AgentState.PAUSED) {
            return;
        }
        double start = Math.max(from, windowStart);
        double end = Math.min(to, windowEnd);
        if (end > start) {
            loggedIn += end - start;
            if (state == AgentState.TALKING) {
                talk += end - start;
            } else if (state == AgentState.WRAP) {
                wrap += end - start;
            }
        }
        if (minuteBusy.length > 0 && to > from) {
            boolean busy = state == AgentState.TALKING || state == AgentState.WRAP;
            double t = from;
            double limit = Math.min(to, windowEnd);
            while (t < limit) {
                int minute = (int) (t / 60);
                double next = Math.min(limit, (minute + 1) * 60.0);
                minuteLoggedIn[minute] += next - t;
                if (busy) {
                    minuteBusy[minute] += next - t;
                }
                t = next;
            }
        }
    }

    void dialed(double t) {
        dials++;
        if (inWindow(t)) {
            dialsInWindow++;
        }
    }

    void liveAnswered(double t) {
        if (minuteLive.length > 0) {
            minuteLive[(int) (t / 60)]++;
        }
        if (inWindow(t)) {
            total.liveAnswers++;
            hour(t).liveAnswers++;
        }
    }

    void falsePositive(double t) {
        liveAbandoned(t);
        if (inWindow(t)) {
            total.falsePositives++;
            hour(t).falsePositives++;
        }
    }

    void dropped(double t, boolean live) {
        if (live) {
            liveAbandoned(t);
        }
        if (inWindow(t)) {
            total.rawDrops++;
            hour(t).rawDrops++;
        }
    }

    private void liveAbandoned(double t) {
        if (minuteAbandoned.length > 0) {
            minuteAbandoned[(int) (t / 60)]++;
        }
        if (inWindow(t)) {
            total.liveAbandoned++;
            hour(t).liveAbandoned++;
        }
    }

    void connected(double t, boolean live, double idleWait) {
        if (!inWindow(t)) {
            return;
        }
        if (live) {
            contacts++;
            total.humanConnected++;
            hour(t).humanConnected++;
        } else {
            total.machineConnected++;
            hour(t).machineConnected++;
        }
        if (!Double.isNaN(idleWait)) {
            idleWaits[(int) Math.min(IDLE_BINS, idleWait / RunResult.IDLE_BIN_SECONDS)]++;
        }
    }

    RunResult result() {
        double hoursLoggedIn = loggedIn / 3600;
        double worstHour = 0;
        for (AbandonCounts hour : hours) {
            worstHour = Math.max(worstHour, hour.rate(regulation));
        }
        return new RunResult(
                loggedIn > 0 ? (talk + wrap) / loggedIn : 0,
                loggedIn > 0 ? talk / loggedIn : 0,
                total.rate(regulation),
                worstHour,
                idleWaits.clone(),
                hoursLoggedIn > 0 ? contacts / hoursLoggedIn : 0,
                hoursLoggedIn > 0 ? dialsInWindow / hoursLoggedIn : 0,
                recoverySeconds(),
                dials);
    }

    private double recoverySeconds() {
        if (step == null || step.atSeconds() >= windowEnd) {
            return Double.NaN;
        }
        int stepMinute = (int) Math.ceil(step.atSeconds() / 60);
        int lastMinute = (int) (windowEnd / 60);
        int referenceFrom = Math.min(lastMinute - 1, stepMinute + 30);
        double reference = ratio(minuteBusy, minuteLoggedIn, referenceFrom, lastMinute);
        for (int m = stepMinute; m + RECOVERY_WINDOW_MINUTES <= lastMinute; m++) {
            double utilization = ratio(minuteBusy, minuteLoggedIn, m, m + RECOVERY_WINDOW_MINUTES);
            long live = 0;
            long abandoned = 0;
            for (int i = m; i < m + RECOVERY_WINDOW_MINUTES; i++) {
                live += minuteLive[i];
                abandoned += minuteAbandoned[i];
            }
            double abandonRate = live > 0 ? (double) abandoned / live : 0;
            if (utilization >= reference - 0.02 && abandonRate <= maxAbandonRate) {
                return Math.max(0, m * 60.0 - step.atSeconds());
            }
        }
        return windowEnd - step.atSeconds();
    }

    private static double ratio(double[] numerator, double[] denominator, int from, int to) {
        double n = 0;
        double d = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            n += numerator[i];
            d += denominator[i];
        }
        return d > 0 ? n / d : 0;
    }
}
