package io.dialer.dialing;

import io.dialer.telephony.AnswerKind;

import java.time.Instant;
import java.util.UUID;

/** A call (or preview offer) of the loop, from placing it to its end. Only the loop's thread touches it. */
final class LiveCall {

    enum Phase {
        /** Preview: offered to the agent, not dialled yet. */
        OFFERED,
        RINGING,
        /** A person answered and waits for an agent. */
        WAITING,
        /** With an agent. */
        TALKING,
        /** Answered by a machine, fax or silence; or an agentless message is playing. */
        HANDLED_BY_DIALER,
        /** The safe-harbour message plays. */
        ABANDONING
    }

    final UUID attemptId;
    final io.dialer.contact.Contact contact;
    final UUID contactId;
    final int phoneIndex;
    final String number;
    final Instant placedAt;
    final boolean callback;
    Phase phase;
    /** The agent reserved for or talking on this call. */
    UUID agentId;
    Instant answeredAt;
    Instant waitingSince;
    Instant connectedAt;
    Instant offeredAt;
    AnswerKind answerKind;
    boolean messageLeft;
    boolean cancelled;
    /** An agentless call whose script has a survey; what the carrier reported of it (when it ran). */
    boolean survey;
    boolean surveyReported;
    Integer surveyAnswer;
    String commentRecording;
    /** The conversation is recorded (campaign setting when the call was placed). */
    boolean recorded;

    LiveCall(UUID attemptId, io.dialer.contact.Contact contact, int phoneIndex, String number, Instant placedAt,
             boolean callback, Phase phase) {
        this.attemptId = attemptId;
        this.contact = contact;
        this.contactId = contact.id();
        this.phoneIndex = phoneIndex;
        this.number = number;
        this.placedAt = placedAt;
        this.callback = callback;
        this.phase = phase;
    }

    String callId() {
        return attemptId.toString();
    }
}
