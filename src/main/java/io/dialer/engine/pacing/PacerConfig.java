package io.dialer.engine.pacing;

/**
 * Tuning knobs of the pacers. {@link #defaults()} holds the values the benchmark was tuned with.
 *
 * @param fixedRatio              FIXED_RATIO: lines per (ready + talking) agent
 * @param vicidialIntensity       VICIDIAL_ADAPTIVE: adaptive_intensity in percent units (-100..100)
 * @param vicidialDialLoopSeconds VICIDIAL_ADAPTIVE: period of the dialing loop (VICIdial default about 2.5 s)
 * @param targetAbandonRate       PREDICTIVE: set point of the abandonment-budget controller; NaN picks one from the
 *                                snapshot's cap and the team size
 * @param baseSafetyZ             PREDICTIVE: quantile margin (in standard deviations) when on budget
 * @param budgetGain              PREDICTIVE: how strongly the margin reacts to being over or under budget
 * @param answerHalfLifeCalls     PREDICTIVE/ERLANG: half-life, in resolved calls, of the learned answer model
 * @param serviceHalfLifeCalls    PREDICTIVE/ERLANG: half-life, in observations, of the learned talk and wrap times
 * @param hourlyGuard             PREDICTIVE: keep every hour under 5 % abandonment (off only to measure what the guard
 *                                costs, in the benchmark's aggressiveness sweep)
 */
public record PacerConfig(
        double fixedRatio,
        double vicidialIntensity,
        double vicidialDialLoopSeconds,
        double targetAbandonRate,
        double baseSafetyZ,
        double budgetGain,
        double answerHalfLifeCalls,
        double serviceHalfLifeCalls,
        boolean hourlyGuard) {

    public static PacerConfig defaults() {
        return new PacerConfig(1.5, 0, 2.5, Double.NaN, 1.5, 1.0, 250, 2000, true);
    }

    public PacerConfig withFixedRatio(double ratio) {
        return new PacerConfig(ratio, vicidialIntensity, vicidialDialLoopSeconds, targetAbandonRate, baseSafetyZ, budgetGain,
                answerHalfLifeCalls, serviceHalfLifeCalls, hourlyGuard);
    }

    public PacerConfig withVicidialIntensity(double intensity) {
        return new PacerConfig(fixedRatio, intensity, vicidialDialLoopSeconds, targetAbandonRate, baseSafetyZ, budgetGain,
                answerHalfLifeCalls, serviceHalfLifeCalls, hourlyGuard);
    }

    public PacerConfig withTargetAbandonRate(double rate) {
        return new PacerConfig(fixedRatio, vicidialIntensity, vicidialDialLoopSeconds, rate, baseSafetyZ, budgetGain,
                answerHalfLifeCalls, serviceHalfLifeCalls, hourlyGuard);
    }

    public PacerConfig withSafety(double z, double gain) {
        return new PacerConfig(fixedRatio, vicidialIntensity, vicidialDialLoopSeconds, targetAbandonRate, z, gain,
                answerHalfLifeCalls, serviceHalfLifeCalls, hourlyGuard);
    }

    public PacerConfig withHalfLives(double answerCalls, double serviceCalls) {
        return new PacerConfig(fixedRatio, vicidialIntensity, vicidialDialLoopSeconds, targetAbandonRate, baseSafetyZ, budgetGain,
                answerCalls, serviceCalls, hourlyGuard);
    }

    public PacerConfig withHourlyGuard(boolean guard) {
        return new PacerConfig(fixedRatio, vicidialIntensity, vicidialDialLoopSeconds, targetAbandonRate, baseSafetyZ, budgetGain,
                answerHalfLifeCalls, serviceHalfLifeCalls, guard);
    }
}
