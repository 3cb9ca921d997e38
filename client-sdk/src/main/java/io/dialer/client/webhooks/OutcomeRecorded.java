package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** {@code outcome.recorded}: the business outcome of a call (from the agent, the CRM or the IVR). */
public final class OutcomeRecorded extends WebhookEvent {

    OutcomeRecorded(JsonNode envelope) {
        super(envelope);
    }

    public String attemptId() {
        return text("attemptId");
    }

    public String contactId() {
        return text("contactId");
    }

    public String contactExternalId() {
        return text("contactExternalId");
    }

    /** The outcome code (the campaign's own or a built-in one such as WRONG_NUMBER). */
    public String code() {
        return text("code");
    }

    /** SUCCESS, FAILURE or NEUTRAL. */
    public String category() {
        return text("category");
    }

    /** Whether the outcome closes the contact. */
    public Boolean isFinal() {
        return bool("final");
    }

    public Boolean rightPartyContact() {
        return bool("rightPartyContact");
    }

    public String notes() {
        return text("notes");
    }

    public Instant callbackAt() {
        return instant("callbackAt");
    }

    /** Free data recorded with the outcome (empty when none). */
    public ObjectNode outcomeData() {
        return object("data");
    }

    public String agentId() {
        return text("agentId");
    }

    /** Who recorded it, when the service says (e.g. SIMULATED_AGENT). */
    public String source() {
        return text("source");
    }
}
