package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code contact.completed}: the dialer is done with a contact (reached, exhausted, expired, ...). */
public final class ContactCompleted extends WebhookEvent {

    ContactCompleted(JsonNode envelope) {
        super(envelope);
    }

    public String contactId() {
        return text("contactId");
    }

    public String contactExternalId() {
        return text("contactExternalId");
    }

    /** The contact's final state (COMPLETED, EXHAUSTED, EXPIRED, ...). */
    public String state() {
        return text("state");
    }

    /** Why the contact will not be dialled again (a machine code). */
    public String reason() {
        return text("reason");
    }

    /** The same reason in words. */
    public String reasonMessage() {
        return text("reasonMessage");
    }

    public Integer attemptCount() {
        return integer("attemptCount");
    }

    /** The result code of the last attempt, if there was one. */
    public String lastResult() {
        return text("lastResult");
    }
}
