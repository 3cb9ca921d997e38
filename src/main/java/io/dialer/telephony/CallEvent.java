package io.dialer.telephony;

import io.dialer.engine.result.ResultCode;

import java.time.Instant;

/** What happens to a placed call. Times are on the clock the call was placed with ({@link CallRequest#clock()}). */
public sealed interface CallEvent {

    String callId();

    Instant at();

    record Ringing(String callId, Instant at) implements CallEvent {
    }

    /** Answered; with AMD on, sent once the analysis has decided. */
    record Answered(String callId, Instant at, AnswerKind kind) implements CallEvent {
    }

    /** Joined to the agent (after {@link TelephonyPort#bridge}). */
    record Bridged(String callId, Instant at, String agentId) implements CallEvent {
    }

    /**
     * An IVR survey ran (see {@link TelephonyPort#runIvr}); sent before {@link Ended}.
     *
     * @param answer           the DTMF answer within the survey's range, or null when none valid was given
     * @param commentRecording name of the recorded comment in the recording store, or null when none was recorded
     */
    record SurveyAnswered(String callId, Instant at, Integer answer, String commentRecording) implements CallEvent {
    }

    /**
     * The call is over.
     *
     * @param networkResult for a call that was never answered, what the network said (NO_ANSWER, BUSY, CONGESTION,
     *                      REJECTED, INVALID_NUMBER, NUMBER_NOT_IN_SERVICE, NETWORK_ERROR, TRUNK_UNAVAILABLE,
     *                      DIAL_ERROR); for an answered call, null unless the far end revealed more (for example
     *                      ANSWERING_MACHINE when an agent heard a machine, FAX, DEAD_AIR)
     * @param hangupBy      who ended an answered call
     * @param cause         carrier-specific detail for the record, e.g. "SIP 486 / Q.850 17"
     */
    record Ended(String callId, Instant at, ResultCode networkResult, HangupBy hangupBy, String cause)
            implements CallEvent {
    }

    enum HangupBy { CUSTOMER, DIALER, NETWORK }
}
