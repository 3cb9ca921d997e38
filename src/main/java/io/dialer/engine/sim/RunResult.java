package io.dialer.engine.sim;

/**
 * Metrics of one algorithm on one seed, over the measurement window (after warm-up).
 *
 * @param utilization          (talk + wrap) / logged-in time, paused time excluded
 * @param talkOccupancy        talk / logged-in time
 * @param abandonRate          under the scenario's regulation
 * @param maxHourAbandonRate   worst clock hour of the shift
 * @param idleWaitHistogram    counts of ready-to-connect gaps in {@link #IDLE_BIN_SECONDS} bins (last bin: overflow)
 * @param contactsPerAgentHour live calls connected per logged-in agent hour
 * @param dialsPerAgentHour    calls placed per logged-in agent hour
 * @param recoverySeconds      after a step change, see {@link RunMetrics}; NaN without one
 * @param dials                calls placed over the whole run (for tests)
 */
public record RunResult(
        double utilization,
        double talkOccupancy,
        double abandonRate,
        double maxHourAbandonRate,
        long[] idleWaitHistogram,
        double contactsPerAgentHour,
        double dialsPerAgentHour,
        double recoverySeconds,
        long dials) {

    public static final double IDLE_BIN_SECONDS = 0.1;
}
