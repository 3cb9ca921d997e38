package io.dialer.agent;

import java.time.Instant;
import java.util.List;

/**
 * An agent as other features see it.
 *
 * @param campaignIds the campaigns the agent is assigned to
 * @param stateReason why the agent is in its state (the pause reason), or null
 * @param attemptId   the call attempt the agent is reserved for, talking on or wrapping up; null otherwise
 * @param campaignId  the campaign of that attempt; null otherwise
 * @param phoneUri    the agent's phone (a SIP URI) that a real carrier keeps connected while the agent is logged in;
 *                    null for simulated agents and agents whose line is managed elsewhere
 */
public record Agent(String id, String tenant, String name, boolean simulated, List<String> campaignIds, AgentState state,
                    String stateReason, Instant stateSince, String attemptId, String campaignId, Instant createdAt,
                    String phoneUri) {

    AgentView view() {
        return new AgentView(id, name, simulated, campaignIds, state, stateReason, stateSince, attemptId, campaignId, createdAt,
                phoneUri);
    }
}
