package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code webhook.test}: the ping sent by {@code POST /v1/webhook-endpoints/{id}/test}. */
public final class WebhookTest extends WebhookEvent {

    WebhookTest(JsonNode envelope) {
        super(envelope);
    }

    /** The endpoint the ping was sent to, when the service names it. */
    public String endpointId() {
        return text("endpointId");
    }

    public String message() {
        return text("message");
    }
}
