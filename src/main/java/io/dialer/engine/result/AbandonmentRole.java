package io.dialer.engine.result;

/** How one attempt counts in the abandonment ledger (research notes, section 3). */
public enum AbandonmentRole {
    /** A person answered and was connected, or hung up inside the connect limit: denominator only (L). */
    LIVE_ANSWER,
    /** An answered call the dialer dropped for want of an agent, safe-harbour message played (A). */
    ABANDONED_LIVE,
    /** A machine detected by AMD and dropped: the base of the AMD false-positive estimate. */
    MACHINE,
    /** A machine passed to an agent (AMD off or missed): Ofcom's M, used to estimate how many drops were machines. */
    MACHINE_AT_AGENT,
    /** Not in the ledger. */
    NONE
}
