package io.dialer.engine.pacing;

/**
 * Feedback from the live loop or the simulator. Learning pacers build their estimates only from these; every placed call
 * ends as exactly one {@link CallReachedQueue} or {@link CallFailed}.
 */
public sealed interface PacingObservation {

    double atSeconds();

    /** The call was answered (and passed AMD, if on) and now needs an agent, {@code secondsAfterDial} after dialling. */
    record CallReachedQueue(double atSeconds, double secondsAfterDial) implements PacingObservation {
    }

    /** The call ended without needing an agent: no answer, busy, invalid, or hung up by AMD as a machine. */
    record CallFailed(double atSeconds, double secondsAfterDial) implements PacingObservation {
    }

    /** A queued call was connected to an agent after waiting this long. */
    record CallConnected(double atSeconds, double waitedSeconds) implements PacingObservation {
    }

    /** A queued call was abandoned: the callee hung up or the connect timeout ran out. */
    record CallAbandoned(double atSeconds, double waitedSeconds) implements PacingObservation {
    }

    /**
     * An agent finished talking; {@code wrapUpFollows} is false when the agent went straight back to ready (for example
     * after dispositioning an answering machine).
     */
    record TalkEnded(double atSeconds, double talkSeconds, boolean wrapUpFollows) implements PacingObservation {
    }

    /** An agent finished after-call work. */
    record WrapEnded(double atSeconds, double wrapSeconds) implements PacingObservation {
    }
}
