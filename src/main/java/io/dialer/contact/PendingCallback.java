package io.dialer.contact;

import java.time.Instant;

/**
 * A call back the person asked for.
 *
 * @param agentId    the agent who owns it, or null for any agent of the campaign
 * @param phoneIndex the number to call, or null for the usual choice
 * @param anyTime    accepted outside the campaign's windows (never outside the legal ones)
 */
public record PendingCallback(Instant at, String agentId, Integer phoneIndex, boolean anyTime) {
}
