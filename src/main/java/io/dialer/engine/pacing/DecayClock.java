package io.dialer.engine.pacing;

import java.util.ArrayList;
import java.util.List;

/**
 * Exponential forgetting without touching old data: each new observation weighs a little more than the previous one,
 * and the histograms sharing this clock are rescaled together before the weights overflow.
 */
final class DecayClock {

    private static final double RESCALE_ABOVE = 1e120;

    private final double growth;
    private final List<DecayedHistogram> histograms = new ArrayList<>();
    private double weight = 1.0;

    DecayClock(double halfLifeObservations) {
        this.growth = Math.pow(2.0, 1.0 / Math.max(1.0, halfLifeObservations));
    }

    void register(DecayedHistogram histogram) {
        histograms.add(histogram);
    }

    /** The weight of the next observation; advances the clock. */
    double next() {
        double current = weight;
        weight *= growth;
        if (weight > RESCALE_ABOVE) {
            double factor = 1.0 / weight;
            for (DecayedHistogram histogram : histograms) {
                histogram.scale(factor);
            }
            current *= factor;
            weight = 1.0;
        }
        return current;
    }

    /** Weight of one fresh observation, the unit for prior pseudo-counts. */
    double current() {
        return weight;
    }
}
