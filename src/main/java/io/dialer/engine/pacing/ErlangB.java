package io.dialer.engine.pacing;

/** Erlang B loss formula and its inverse in the offered load. */
public final class ErlangB {

    private ErlangB() {
    }

    /** Blocking probability with {@code servers} servers and offered load {@code load} (standard recursion). */
    public static double blocking(int servers, double load) {
        double b = 1.0;
        for (int k = 1; k <= servers; k++) {
            b = load * b / (k + load * b);
        }
        return b;
    }

    /** The offered load whose blocking equals {@code target}, by bisection. */
    public static double loadForBlocking(int servers, double target) {
        if (servers <= 0) {
            return 0;
        }
        double low = 0;
        double high = servers * 4.0 + 10;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (blocking(servers, mid) < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
