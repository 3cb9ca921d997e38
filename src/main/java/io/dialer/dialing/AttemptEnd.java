package io.dialer.dialing;

import io.dialer.engine.result.ResultCode;

import java.time.Instant;
import java.util.UUID;

/** How an attempt ended, as the loop stores it. */
record AttemptEnd(UUID id, UUID contactId, ResultCode result, Instant answeredAt, Instant connectedAt, Instant endedAt,
                  UUID agentId, String cause, String outcome, boolean callback) {
}
