package io.dialer.dialing;

import io.dialer.engine.result.ResultCode;

import java.time.Instant;
import java.util.UUID;

/**
 * How an attempt ended, as the loop stores it.
 *
 * @param outcome   a simulated agent's business outcome code, or null
 * @param recording the conversation's recording in the recording store, or null
 * @param survey    what an agentless call's survey came to, or null when no survey ran
 */
record AttemptEnd(UUID id, UUID contactId, ResultCode result, Instant answeredAt, Instant connectedAt, Instant endedAt,
                  UUID agentId, String cause, String outcome, boolean callback, Boolean outcomeFinal, String outcomeCategory,
                  String recording, Survey survey) {

    /** The survey's valid answer (null when none came) and the recorded comment's name (or null). */
    record Survey(Integer answer, String commentRecording) {
    }

    AttemptEnd(UUID id, UUID contactId, ResultCode result, Instant answeredAt, Instant connectedAt, Instant endedAt,
               UUID agentId, String cause, String outcome, boolean callback) {
        this(id, contactId, result, answeredAt, connectedAt, endedAt, agentId, cause, outcome, callback, null, null, null,
                null);
    }

    AttemptEnd withOutcome(boolean isFinal, String category) {
        return new AttemptEnd(id, contactId, result, answeredAt, connectedAt, endedAt, agentId, cause, outcome, callback,
                isFinal, category, recording, survey);
    }

    AttemptEnd withRecordings(String recording, Survey survey) {
        return new AttemptEnd(id, contactId, result, answeredAt, connectedAt, endedAt, agentId, cause, outcome, callback,
                outcomeFinal, outcomeCategory, recording, survey);
    }

    String commentRecording() {
        return survey == null ? null : survey.commentRecording();
    }
}
