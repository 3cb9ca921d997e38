package io.dialer.engine.pacing;

/** The pacing algorithms known to the engine and the simulator. */
public enum PacingAlgorithm {
    /** One line per ready agent: no abandonment, the lower reference. */
    PROGRESSIVE,
    /** VICIdial RATIO: keep round(k x (ready + talking)) lines in use. */
    FIXED_RATIO,
    /** VICIdial ADAPT_HARD_LIMIT re-implemented from its description (research notes, section 2). */
    VICIDIAL_ADAPTIVE,
    /** Open-loop dial rate from Erlang B on learned answer probability and handle time. */
    ERLANG,
    /** Expected free agents at answer time with a quantile margin and an abandonment-budget controller. */
    PREDICTIVE,
    /** PREDICTIVE fed each agent's exact remaining talk and wrap time (simulation only). */
    SEMI_ORACLE,
    /** Clairvoyant list-order scheduler under the same line cap (simulation only). */
    ORACLE
}
