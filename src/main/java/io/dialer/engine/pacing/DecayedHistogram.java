package io.dialer.engine.pacing;

/**
 * An empirical distribution of durations with exponential forgetting (see {@link DecayClock}). Fixed-width bins with
 * linear interpolation inside a bin; values beyond the last bin keep an exponential tail.
 */
final class DecayedHistogram {

    private final DecayClock clock;
    private final double binWidth;
    private final double[] mass;
    private final double[] cumulative;
    private double overflow;
    private double overflowExcess;
    private double total;
    private double weightedSum;
    private long count;
    private boolean dirty;

    DecayedHistogram(DecayClock clock, double binWidth, int bins) {
        this.clock = clock;
        this.binWidth = binWidth;
        this.mass = new double[bins];
        this.cumulative = new double[bins + 1];
        clock.register(this);
    }

    void add(double value, double weight) {
        double x = Math.max(0, value);
        int bin = (int) (x / binWidth);
        if (bin < mass.length) {
            mass[bin] += weight;
        } else {
            overflow += weight;
            overflowExcess += weight * (x - mass.length * binWidth);
        }
        total += weight;
        weightedSum += weight * x;
        count++;
        dirty = true;
    }

    void add(double value) {
        add(value, clock.next());
    }

    void scale(double factor) {
        for (int i = 0; i < mass.length; i++) {
            mass[i] *= factor;
        }
        overflow *= factor;
        overflowExcess *= factor;
        total *= factor;
        weightedSum *= factor;
        dirty = true;
    }

    long count() {
        return count;
    }

    double total() {
        return total;
    }

    double mean() {
        return total > 0 ? weightedSum / total : 0;
    }

    double maxValue() {
        return mass.length * binWidth;
    }

    private void refresh() {
        if (!dirty) {
            return;
        }
        double running = 0;
        for (int i = 0; i < mass.length; i++) {
            cumulative[i] = running;
            running += mass[i];
        }
        cumulative[mass.length] = running;
        dirty = false;
    }

    /** Un-normalised weight of observations at or below {@code x}. */
    double massBelow(double x) {
        if (x <= 0) {
            return 0;
        }
        refresh();
        double position = x / binWidth;
        int bin = (int) position;
        if (bin >= mass.length) {
            if (overflow <= 0) {
                return cumulative[mass.length];
            }
            double tailMean = Math.max(binWidth, overflowExcess / overflow);
            double beyond = x - mass.length * binWidth;
            return cumulative[mass.length] + overflow * (1 - Math.exp(-beyond / tailMean));
        }
        return cumulative[bin] + mass[bin] * (position - bin);
    }

    /**
     * Survival P(X > x), smoothed with one pseudo-observation from an exponential of the same mean so that it never
     * reaches zero beyond the data (an agent who outlasts every call seen so far still finishes eventually).
     */
    double survival(double x) {
        double prior = clock.current();
        double priorMean = Math.max(1.0, mean());
        double empirical = total - massBelow(x);
        return (empirical + prior * Math.exp(-Math.max(0, x) / priorMean)) / (total + prior);
    }

    /**
     * Fills {@code table[k]} with {@link #survival(double)} at k bin widths, for fast interpolated lookups.
     */
    void survivalTable(double[] table) {
        double prior = clock.current();
        tailMassTable(table, prior);
        double denominator = total + prior;
        for (int k = 0; k < table.length; k++) {
            table[k] /= denominator;
        }
    }

    /**
     * Fills {@code table[k]} with the un-normalised weight above k bin widths plus {@code prior} pseudo-weight spread as
     * an exponential of the same mean. One pass with running products instead of an exponential per point.
     */
    void tailMassTable(double[] table, double prior) {
        refresh();
        double priorStep = Math.exp(-binWidth / Math.max(1.0, mean()));
        double priorTerm = prior;
        double tailMean = overflow > 0 ? Math.max(binWidth, overflowExcess / overflow) : 1;
        double tailStep = Math.exp(-binWidth / tailMean);
        double overflowLeft = overflow;
        for (int k = 0; k < table.length; k++) {
            double empirical;
            if (k <= mass.length) {
                empirical = total - cumulative[k];
            } else {
                overflowLeft *= tailStep;
                empirical = overflowLeft;
            }
            table[k] = empirical + priorTerm;
            priorTerm *= priorStep;
        }
    }

    double priorWeight() {
        return clock.current();
    }

    /** Fills {@code table[k]} with the un-normalised mass below k bin widths (within the bins). */
    void massTable(double[] table) {
        refresh();
        for (int k = 0; k < table.length; k++) {
            table[k] = cumulative[Math.min(k, mass.length)];
        }
    }

    double binWidth() {
        return binWidth;
    }

    double cdf(double x) {
        return 1 - survival(x);
    }

    /** Largest value with mass above the given share of the total, rounded up to whole bins. */
    double upperSupport(double share) {
        refresh();
        double threshold = total * (1 - share);
        for (int i = 0; i < mass.length; i++) {
            if (cumulative[i + 1] >= threshold) {
                return (i + 1) * binWidth;
            }
        }
        return maxValue();
    }
}
