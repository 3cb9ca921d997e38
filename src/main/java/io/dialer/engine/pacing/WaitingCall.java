package io.dialer.engine.pacing;

/**
 * An answered call waiting for an agent; it is abandoned when the connect timeout runs out.
 *
 * @param waitedSeconds seconds since it became ready for an agent
 */
public record WaitingCall(double waitedSeconds) {
}
