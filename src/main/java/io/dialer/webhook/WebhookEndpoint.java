package io.dialer.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored webhook endpoint, secrets included; never an API body (see {@link WebhookEndpointView}). */
record WebhookEndpoint(UUID id, String tenant, String url, List<String> eventTypes, boolean enabled, String description,
                       String secret, String previousSecret, Instant previousSecretUntil, Instant failingSince,
                       String disabledReason, Instant createdAt, Instant updatedAt) {

    WebhookEndpointView view() {
        return view(null);
    }

    WebhookEndpointView view(String shownSecret) {
        return new WebhookEndpointView(id.toString(), url, eventTypes, enabled, description, disabledReason, failingSince,
                createdAt, updatedAt, shownSecret);
    }
}
