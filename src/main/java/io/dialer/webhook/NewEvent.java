package io.dialer.webhook;

import java.util.Map;
import java.util.UUID;

/**
 * An event to record: its type from the catalogue ({@link EventTypes}), the campaign it belongs to (or null), and its
 * data, which names the campaign and contact the way the CRM knows them.
 */
public record NewEvent(String tenant, String type, UUID campaignId, Map<String, Object> data) {
}
