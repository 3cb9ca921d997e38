package io.dialer.dialing;

import io.dialer.platform.ScaledClock;

import java.util.UUID;

/**
 * The right to run one campaign's loop, held by one replica until it expires. {@code epoch} changes with every new
 * owner, so writes made under an old lease can be told apart.
 */
public record Lease(UUID campaignId, String tenant, String owner, long epoch, ScaledClock clock) {
}
