package io.dialer.engine.pacing;

/** What the dialer knows about an agent's activity. */
public enum AgentState {
    /** Logged in, idle, can take a call now. */
    READY,
    /** Connected to a call. */
    TALKING,
    /** After-call work: not available, holds no line. */
    WRAP,
    /** Logged in but on a break: neither available nor counted as logged-in time. */
    PAUSED
}
