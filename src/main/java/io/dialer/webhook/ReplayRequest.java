package io.dialer.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Body of POST /v1/webhook-endpoints/{id}/replays. */
@Schema(name = "WebhookReplayRequest")
public record ReplayRequest(
        @Schema(required = true, format = "date-time", description = "Events created at or after this time (at most 30 days ago)",
                example = "2026-06-01T00:00:00Z")
        String from,
        @Schema(required = true, format = "date-time", description = "Events created before this time", example = "2026-06-02T00:00:00Z")
        String to,
        @Schema(description = "Only these event types; absent means every type the endpoint subscribes to (but webhook.test)")
        List<String> types) {
}
