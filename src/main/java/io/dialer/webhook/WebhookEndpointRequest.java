package io.dialer.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Body of POST /v1/webhook-endpoints. */
@Schema(name = "WebhookEndpointRequest")
public record WebhookEndpointRequest(
        @Schema(required = true, maxLength = TargetGuard.MAX_URL_LENGTH,
                description = "An absolute https URL (http only when the service runs without authentication) on a public address",
                example = "https://crm.example.com/dialer/webhooks")
        String url,
        @Schema(description = "Event types to send; empty or absent means every type")
        List<String> eventTypes,
        @Schema(defaultValue = "true")
        Boolean enabled,
        @Schema(maxLength = WebhookEndpointService.MAX_DESCRIPTION)
        String description) {
}
