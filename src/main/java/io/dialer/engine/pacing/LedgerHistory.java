package io.dialer.engine.pacing;

/** Samples of the cumulative ledger, so that the abandonment over a trailing window can be derived from it. */
final class LedgerHistory {

    private final double windowSeconds;
    private final double sampleSeconds;
    private final double[] times;
    private final double[] answers;
    private final double[] abandoned;
    private int next;
    private int size;
    private double lastSample = Double.NEGATIVE_INFINITY;

    LedgerHistory(double windowSeconds, double sampleSeconds) {
        this.windowSeconds = windowSeconds;
        this.sampleSeconds = sampleSeconds;
        int slots = (int) Math.ceil(windowSeconds / sampleSeconds) + 2;
        times = new double[slots];
        answers = new double[slots];
        abandoned = new double[slots];
    }

    /** Records the ledger (at most once per sample period) and returns what happened since about one window ago. */
    AbandonLedger lastHour(double now, AbandonLedger ledger) {
        if (now - lastSample >= sampleSeconds) {
            times[next] = now;
            answers[next] = ledger.liveAnswers();
            abandoned[next] = ledger.abandoned();
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
            lastSample = now;
        }
        int oldest = (next - size + times.length) % times.length;
        for (int i = 0; i < size; i++) {
            int slot = (oldest + i) % times.length;
            if (now - times[slot] <= windowSeconds) {
                return new AbandonLedger(ledger.liveAnswers() - answers[slot], ledger.abandoned() - abandoned[slot]);
            }
        }
        return ledger;
    }
}
