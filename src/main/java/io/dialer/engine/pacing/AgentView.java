package io.dialer.engine.pacing;

/**
 * One agent as the dialer sees it.
 *
 * @param agentId        stable id within the campaign
 * @param state          current state
 * @param elapsedSeconds time spent in the current state so far
 */
public record AgentView(int agentId, AgentState state, double elapsedSeconds) {
}
