package io.dialer.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A recorded event as the API and webhook bodies show it. */
public record EventView(String id, String type, Instant createdAt, String campaignId, Long sequence, JsonNode data) {
}
