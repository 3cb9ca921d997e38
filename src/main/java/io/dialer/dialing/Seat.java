package io.dialer.dialing;

import io.dialer.agent.AgentState;

import java.time.Instant;
import java.util.UUID;

/** An agent as one campaign's loop sees it. Only the loop's thread touches it. */
final class Seat {

    final UUID agentId;
    final int index;
    final boolean simulated;
    AgentState state;
    /** On the campaign clock. */
    Instant since;
    /** The call reserved for, offered to, or talking with this agent. */
    LiveCall call;
    /** When after-call work ends: drawn for simulated agents, the wrap-up timeout for people. */
    Instant wrapUntil;
    /** Busy with another campaign's call: neither ready nor ours. */
    boolean away;
    /** When a simulated agent answers its preview offer. */
    Instant decideAt;

    Seat(UUID agentId, int index, boolean simulated, AgentState state, Instant since) {
        this.agentId = agentId;
        this.index = index;
        this.simulated = simulated;
        this.state = state;
        this.since = since;
    }

    boolean isFree() {
        return !away && state == AgentState.READY && call == null;
    }
}
