package io.dialer.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A webhook endpoint as the API returns it. */
@Schema(name = "WebhookEndpoint")
public record WebhookEndpointView(
        String id,
        @Schema(description = "Where events are POSTed", example = "https://crm.example.com/dialer/webhooks")
        String url,
        @Schema(description = "The event types sent to this endpoint; empty means every type")
        List<String> eventTypes,
        @Schema(description = "Disabled endpoints receive nothing; their pending deliveries wait until they are enabled again")
        boolean enabled,
        @Schema(nullable = true)
        String description,
        @Schema(description = "Why the dispatcher disabled the endpoint (410 Gone, or failing for too long)", nullable = true)
        String disabledReason,
        @Schema(description = "Since when every delivery to the endpoint has failed; null after a success", nullable = true)
        Instant failingSince,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "The signing secret (whsec_...): only in the response that creates the endpoint")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String secret) {
}
