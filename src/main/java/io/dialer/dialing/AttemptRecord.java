package io.dialer.dialing;

import java.time.Instant;
import java.util.UUID;

/** A new attempt as the loop writes it when it places (or offers) a call. */
record AttemptRecord(UUID id, String tenant, UUID campaignId, UUID contactId, int phoneIndex, String number, String mode,
                     String state, UUID agentId, boolean callback, String trunk, String callerId, Instant placedAt) {
}
