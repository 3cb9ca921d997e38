package io.dialer.engine.sim;

/** What happens when a lead is dialled (before the ring timeout cuts long answers). */
public enum Outcome {
    LIVE, MACHINE, NO_ANSWER, BUSY, INVALID
}
