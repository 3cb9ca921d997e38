package io.dialer.engine.pacing;

/** Forecasts when busy agents become free. The predictive pacer learns one; the simulator can plug in the exact one. */
public interface FinishTimeForecast {

    /**
     * Fills {@code out[y]} with the probability that the agent is ready within {@code y} seconds, for every index of
     * {@code out}. Paused agents count as never free.
     */
    void freeWithin(AgentView agent, double[] out);

    /** True if the forecast is certain (each probability is 0 or 1). */
    default boolean exact() {
        return false;
    }
}
