package io.dialer.engine.pacing;

/**
 * The dialer's own estimate of its abandonment since the start of the shift (or campaign window).
 * Values are doubles because the UK formula and the AMD false-positive estimate give fractional counts.
 *
 * @param liveAnswers estimated calls answered by a live person
 * @param abandoned   estimated live answers not connected to an agent in time (AMD false positives included)
 */
public record AbandonLedger(double liveAnswers, double abandoned) {

    public static final AbandonLedger EMPTY = new AbandonLedger(0, 0);

    public double rate() {
        return liveAnswers > 0 ? abandoned / liveAnswers : 0.0;
    }
}
