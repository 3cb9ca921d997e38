package io.dialer.engine.pacing;

/**
 * A placed call that has not yet reached the agent queue: ringing, or answered and under answering-machine analysis.
 *
 * @param ageSeconds seconds since the call was placed
 */
public record CallInFlight(double ageSeconds) {
}
