package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code number.invalidated}: a number was marked invalid (by a result such as NUMBER_NOT_IN_SERVICE or an outcome). */
public final class NumberInvalidated extends WebhookEvent {

    NumberInvalidated(JsonNode envelope) {
        super(envelope);
    }

    /** The number, E.164. */
    public String number() {
        return text("number");
    }

    /** The number's new status (INVALID). */
    public String status() {
        return text("status");
    }

    public String reason() {
        return text("reason");
    }

    public String contactExternalId() {
        return text("contactExternalId");
    }
}
