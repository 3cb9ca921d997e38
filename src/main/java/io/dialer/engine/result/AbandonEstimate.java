package io.dialer.engine.result;

/**
 * The two sides of the abandon rate under a definition, fractional because the UK adjustment and the AMD estimate
 * are. Same shape as the pacer's {@code io.dialer.engine.pacing.AbandonLedger}.
 *
 * @param liveAnswers the denominator: estimated calls answered by a person
 * @param abandoned   the numerator: estimated live answers not connected in time
 */
public record AbandonEstimate(double liveAnswers, double abandoned) {

    public double rate() {
        return liveAnswers > 0 ? abandoned / liveAnswers : 0.0;
    }
}
