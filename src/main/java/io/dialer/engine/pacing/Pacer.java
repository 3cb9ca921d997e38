package io.dialer.engine.pacing;

/**
 * A pacing policy. The live loop (or the simulator) calls {@link #decide} once per control tick and reports what happens
 * to calls and agents through {@link #observe}. Implementations are single-threaded and deterministic.
 */
public interface Pacer {

    PacingDecision decide(PacingSnapshot snapshot);

    /** Feedback about calls and agents; pacers that do not learn ignore it. */
    default void observe(PacingObservation observation) {
    }

    PacingAlgorithm algorithm();
}
