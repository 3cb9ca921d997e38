package io.dialer.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery this dispatcher has claimed, with what sending it needs. {@code attempt} counts this attempt (1 for the
 * first) and fences the outcome: it is only written if no other dispatcher claimed the delivery since.
 * {@code eventType} is null when the event no longer exists (past its retention).
 */
record ClaimedDelivery(UUID id, String tenant, UUID endpointId, UUID eventId, int attempt, String url, List<String> secrets,
                       String eventType, Instant eventCreatedAt, UUID campaignId, Long sequence, String data) {
}
