package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code endpoint.disabled}: Dialer stopped delivering to a webhook endpoint (it answered 410, or kept failing). */
public final class EndpointDisabled extends WebhookEvent {

    EndpointDisabled(JsonNode envelope) {
        super(envelope);
    }

    public String endpointId() {
        return text("endpointId");
    }

    public String url() {
        return text("url");
    }

    public String reason() {
        return text("reason");
    }

    /** Since when deliveries to the endpoint had been failing, when they had. */
    public java.time.Instant failingSince() {
        return instant("failingSince");
    }
}
