package io.dialer.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One HTTP attempt to deliver an event to an endpoint, as the delivery log shows it. */
@Schema(name = "WebhookDeliveryAttempt")
public record DeliveryAttemptView(
        String id,
        @Schema(description = "The delivery (one event to one endpoint; a replay makes a new one) this attempt belongs to")
        String deliveryId,
        @Schema(description = "The event sent; also the webhook-id header")
        String eventId,
        @Schema(description = "The event's type; null once the event is past its retention", nullable = true)
        String eventType,
        Instant attemptedAt,
        @Schema(description = "The HTTP status the endpoint answered; null when no response came", nullable = true)
        Integer statusCode,
        @Schema(description = "Milliseconds until the response, or until the attempt failed", nullable = true)
        Integer latencyMs,
        @Schema(description = "What went wrong, when the status code does not say it all", nullable = true)
        String error) {
}
