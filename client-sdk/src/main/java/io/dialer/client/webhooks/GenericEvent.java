package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** An event of a type this SDK does not know yet: read it through {@link #type()} and {@link #data()}. */
public final class GenericEvent extends WebhookEvent {

    GenericEvent(JsonNode envelope) {
        super(envelope);
    }
}
