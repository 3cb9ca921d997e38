package io.dialer.webhook;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/** The JSON body of a webhook. {@code data} is the event's stored JSON, sent as it is. */
@RegisterForReflection // serialised by hand with the ObjectMapper (native: Jackson)
record WebhookPayload(String id, String type, Instant timestamp, String campaignId, Long sequence, @JsonRawValue String data) {

    static WebhookPayload of(ClaimedDelivery d) {
        return new WebhookPayload(d.eventId().toString(), d.eventType(), d.eventCreatedAt(),
                d.campaignId() == null ? null : d.campaignId().toString(), d.sequence(), d.data());
    }
}
