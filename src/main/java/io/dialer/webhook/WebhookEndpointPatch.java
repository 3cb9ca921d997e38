package io.dialer.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Documents the body of PATCH /v1/webhook-endpoints/{id} (a JSON merge patch); the service reads the raw object. */
@Schema(description = "JSON merge patch of a webhook endpoint: the fields present replace the stored ones. "
        + "enabled: true re-enables a disabled endpoint (clearing disabledReason and failingSince) and sends the deliveries "
        + "that waited; eventTypes null means every type; description null removes it")
public record WebhookEndpointPatch(
        @Schema(maxLength = TargetGuard.MAX_URL_LENGTH)
        String url,
        @Schema(nullable = true)
        List<String> eventTypes,
        Boolean enabled,
        @Schema(nullable = true, maxLength = WebhookEndpointService.MAX_DESCRIPTION)
        String description) {
}
