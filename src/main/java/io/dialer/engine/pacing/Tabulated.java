package io.dialer.engine.pacing;

/** A function sampled on a regular grid from 0, linearly interpolated, flat beyond the last point. */
final class Tabulated {

    private final double step;
    private final double[] values;

    Tabulated(double step, int points) {
        this.step = step;
        this.values = new double[points];
    }

    double[] values() {
        return values;
    }

    double at(double x) {
        if (x <= 0) {
            return values[0];
        }
        double position = x / step;
        int i = (int) position;
        if (i >= values.length - 1) {
            return values[values.length - 1];
        }
        double low = values[i];
        return low + (values[i + 1] - low) * (position - i);
    }
}
