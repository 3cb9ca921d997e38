package io.dialer.engine.result;

/** What a result does to the contact and the number it was dialled on, before any business outcome is known. */
public enum NextStep {
    /** The contact stays open and may be called again after the retry delay. */
    RETRY,
    /** The contact is done, unless the business outcome of the call reopens it. */
    CLOSE_CONTACT,
    /** The number does not work: mark it invalid (never delete it) and never dial it again. */
    MARK_NUMBER_INVALID,
    /** The number is on a do-not-call list: never dial it again. */
    BLOCK_NUMBER
}
