package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** {@code attempt.completed}: one call attempt ended with a technical result code (NO_ANSWER, CONNECTED, ...). */
public final class AttemptCompleted extends WebhookEvent {

    AttemptCompleted(JsonNode envelope) {
        super(envelope);
    }

    public String attemptId() {
        return text("attemptId");
    }

    public String contactId() {
        return text("contactId");
    }

    /** The contact's id in the CRM. */
    public String contactExternalId() {
        return text("contactExternalId");
    }

    /** The technical result code (see {@code GET /v1/result-codes}). */
    public String result() {
        return text("result");
    }

    /** The network's cause for the result (e.g. a Q.850 or SIP cause), when there was one. */
    public String cause() {
        return text("cause");
    }

    /** The number dialled, E.164. */
    public String number() {
        return text("number");
    }

    public Integer phoneIndex() {
        return integer("phoneIndex");
    }

    public String trunk() {
        return text("trunk");
    }

    public String callerId() {
        return text("callerId");
    }

    public String agentId() {
        return text("agentId");
    }

    /** PREVIEW, PROGRESSIVE, PREDICTIVE or AGENTLESS. */
    public String mode() {
        return text("mode");
    }

    /** Whether the attempt was a scheduled callback. */
    public Boolean callback() {
        return bool("callback");
    }

    public Instant placedAt() {
        return instant("placedAt");
    }

    public Instant answeredAt() {
        return instant("answeredAt");
    }

    public Instant connectedAt() {
        return instant("connectedAt");
    }

    public Instant endedAt() {
        return instant("endedAt");
    }

    public Double ringSeconds() {
        return decimal("ringSeconds");
    }

    public Double waitSeconds() {
        return decimal("waitSeconds");
    }

    public Double talkSeconds() {
        return decimal("talkSeconds");
    }
}
