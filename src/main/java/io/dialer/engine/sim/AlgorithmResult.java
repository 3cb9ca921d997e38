package io.dialer.engine.sim;

import io.dialer.engine.pacing.PacingAlgorithm;

/**
 * One algorithm's results over all seeds of a scenario. Component names are the JSON field names of the result.
 *
 * @param algorithm            the algorithm
 * @param utilization          (talk + wrap) / logged-in time (paused excluded): mean over seeds and 95% CI half-width
 * @param talkOccupancy        talk / logged-in time, mean over seeds
 * @param abandonRate          per-seed abandonment under the scenario's regulation: mean and 95th percentile
 * @param maxHourAbandonRate   worst clock hour over all seeds
 * @param idleWaitSeconds      agents' gap from ready to next connect, pooled over seeds
 * @param contactsPerAgentHour live conversations per logged-in agent hour, mean over seeds
 * @param dialsPerAgentHour    calls placed per logged-in agent hour, mean over seeds
 * @param recoverySeconds      mean time to recover after the step change (null without one)
 * @param setting              the algorithm's chosen parameter, if any (FIXED_RATIO: the best compliant ratio)
 */
public record AlgorithmResult(
        PacingAlgorithm algorithm,
        MeanWithCi utilization,
        double talkOccupancy,
        MeanAndP95 abandonRate,
        double maxHourAbandonRate,
        Percentiles idleWaitSeconds,
        double contactsPerAgentHour,
        double dialsPerAgentHour,
        Double recoverySeconds,
        String setting) {

    public record MeanWithCi(double mean, double ci95) {
    }

    public record MeanAndP95(double mean, double p95) {
    }

    public record Percentiles(double p50, double p90, double p99) {
    }
}
