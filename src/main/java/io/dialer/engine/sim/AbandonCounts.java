package io.dialer.engine.sim;

/** Abandonment counters for one period, enough to score both regulations. */
final class AbandonCounts {

    /** Calls answered by a person (ground truth), AMD false positives included. */
    long liveAnswers;
    /** Live answers not connected in time, AMD false positives included (ground truth). */
    long liveAbandoned;
    /** Answered calls dropped for want of an agent, machines included (what the dialer counts). */
    long rawDrops;
    long humanConnected;
    long machineConnected;
    long falsePositives;

    double rate(Regulation regulation) {
        return switch (regulation) {
            case US -> liveAnswers > 0 ? (double) liveAbandoned / liveAnswers : 0;
            case UK -> {
                double adjusted = adjustedDrops();
                double numerator = adjusted + falsePositives;
                double denominator = humanConnected + numerator;
                yield denominator > 0 ? numerator / denominator : 0;
            }
        };
    }

    /** Ofcom: drops minus the share of them estimated to be machines from what agents saw. */
    double adjustedDrops() {
        long handled = humanConnected + machineConnected;
        return handled > 0 ? rawDrops * (double) humanConnected / handled : rawDrops;
    }
}
