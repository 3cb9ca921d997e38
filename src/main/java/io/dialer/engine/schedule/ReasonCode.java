package io.dialer.engine.schedule;

/** Why a contact is not dialable now (the {@code dialability.reasons[].code} of the API). */
public enum ReasonCode {
    /** Outside the campaign's windows, the contact's preferred hours or the legal hours, in the contact's zone. */
    OUTSIDE_WINDOW,
    /** A campaign holiday in the contact's zone. */
    HOLIDAY,
    /** Waiting for a result code's retry delay, the minimum gap between calls or the abandon lockout. */
    RETRY_WAIT,
    /** The daily attempt limit is used up for the contact's local day. */
    DAILY_LIMIT,
    CALLBACK_SCHEDULED,
    /** A number (or every number) is on a do-not-call list. */
    DNC,
    /** A number (or every number) is invalid, or the contact has none. */
    NUMBER_INVALID,
    ATTEMPTS_EXHAUSTED,
    /** The campaign is not running, has not started or has ended. */
    CAMPAIGN_NOT_RUNNING,
    COMPLETED,
    EXPIRED,
    /** The contact's dialAfter or the campaign's startAt is still ahead. */
    NOT_YET
}
