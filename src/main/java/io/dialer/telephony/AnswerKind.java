package io.dialer.telephony;

/** Who or what answered, as far as the carrier can tell (the AMD verdict when detection is on). */
public enum AnswerKind {
    HUMAN,
    MACHINE,
    /** Answering-machine detection ran but could not tell (Asterisk's NOTSURE): treated like a person. */
    UNSURE,
    FAX,
    /** Answered, but nothing was heard. */
    SILENCE,
    /** Answering-machine detection was off: whoever answered goes to an agent. */
    UNCLASSIFIED
}
