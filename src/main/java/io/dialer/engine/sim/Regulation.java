package io.dialer.engine.sim;

/** Which abandonment definition scores the run (research notes, section 3). */
public enum Regulation {
    /**
     * FTC/FCC: abandoned live answers / live answers, from the simulator's ground truth; AMD false positives are
     * abandoned live answers. The 2 s connect clock starts once the call is ready for an agent (end of greeting or of the
     * AMD decision).
     */
    US,
    /**
     * Ofcom: A_adj = A - A M / (L + M) with A raw drops, L agent-handled humans, M agent-handled machines, plus AMD false
     * positives: (A_adj + FP) / (L + A_adj + FP). The connect clock starts at answer, and a number whose call was
     * abandoned is locked out for 72 hours.
     */
    UK
}
