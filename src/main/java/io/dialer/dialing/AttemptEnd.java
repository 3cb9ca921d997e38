package io.dialer.dialing;

import io.dialer.engine.result.ResultCode;

import java.time.Instant;
import java.util.UUID;

/**
 * How an attempt ended, as the loop stores it.
 *
 * @param outcome a simulated agent's business outcome code, or null
 */
record AttemptEnd(UUID id, UUID contactId, ResultCode result, Instant answeredAt, Instant connectedAt, Instant endedAt,
                  UUID agentId, String cause, String outcome, boolean callback, Boolean outcomeFinal, String outcomeCategory) {

    AttemptEnd(UUID id, UUID contactId, ResultCode result, Instant answeredAt, Instant connectedAt, Instant endedAt,
               UUID agentId, String cause, String outcome, boolean callback) {
        this(id, contactId, result, answeredAt, connectedAt, endedAt, agentId, cause, outcome, callback, null, null);
    }

    AttemptEnd withOutcome(boolean isFinal, String category) {
        return new AttemptEnd(id, contactId, result, answeredAt, connectedAt, endedAt, agentId, cause, outcome, callback,
                isFinal, category);
    }
}
