package io.dialer.agent;

/**
 * An agent's state. Clients (agent desktops, the CRM) set {@link #LOGGED_OUT}, {@link #READY} and {@link #PAUSED};
 * the dialer alone moves agents through {@link #RESERVED}, {@link #ON_CALL} and {@link #WRAP_UP}.
 */
public enum AgentState {
    /** Not working: never offered a call, not counted by pacing. */
    LOGGED_OUT,
    /** Idle and available for the next call. */
    READY,
    /** Logged in but on a break (the reason says which); not available. */
    PAUSED,
    /** Held by the dialer for a call being placed or just answered. */
    RESERVED,
    /** Talking to a customer. */
    ON_CALL,
    /** After-call work; the client ends it by setting READY, PAUSED or LOGGED_OUT. */
    WRAP_UP;

    /** Whether a client may ask for this state through the API. */
    public boolean clientSettable() {
        return this == LOGGED_OUT || this == READY || this == PAUSED;
    }

    /** Whether the agent holds a call (reserved for it or talking on it): clients cannot move or delete it then. */
    public boolean onCall() {
        return this == RESERVED || this == ON_CALL;
    }

    static AgentState parse(String s) {
        if (s == null) {
            return null;
        }
        for (AgentState st : values()) {
            if (st.name().equals(s)) {
                return st;
            }
        }
        return null;
    }
}
