package io.dialer.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.campaign.Campaign;
import io.dialer.platform.TextTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The values a fallback template can use, taken from a {@code contact.fallback_requested} event and its campaign.
 * Built-in names: firstName, lastName, externalId, contactId, campaignId, campaignName, reason, lastResult, phone (the
 * first number), phones (all, comma-separated). Every top-level attribute is available by its own name (unless a
 * built-in name has it) and as {@code attributes.<name>}. A missing name renders empty.
 */
final class FallbackMessage {

    private final Map<String, String> values = new HashMap<>();

    private FallbackMessage() {
    }

    static FallbackMessage of(JsonNode data, Campaign campaign) {
        FallbackMessage m = new FallbackMessage();
        JsonNode attributes = data.path("attributes");
        if (attributes.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String value = text(e.getValue());
                m.values.put(e.getKey(), value);
                m.values.put("attributes." + e.getKey(), value);
            }
        }
        for (String field : List.of("firstName", "lastName", "externalId", "contactId", "campaignId", "reason", "lastResult")) {
            JsonNode v = data.get(field);
            if (v != null && !v.isNull()) {
                m.values.put(field, text(v));
            }
        }
        JsonNode crmId = data.get("contactExternalId"); // the spelling of the other contact events
        if (!m.values.containsKey("externalId") && crmId != null && !crmId.isNull()) {
            m.values.put("externalId", text(crmId));
        }
        List<String> phones = new ArrayList<>();
        data.path("phones").forEach(p -> {
            String number = p.isTextual() ? p.asText() : p.path("e164").asText(null);
            if (number != null && !number.isBlank()) {
                phones.add(number);
            }
        });
        m.values.put("phone", phones.isEmpty() ? "" : phones.get(0));
        m.values.put("phones", String.join(", ", phones));
        if (campaign != null) {
            m.values.put("campaignName", campaign.name());
            m.values.putIfAbsent("campaignId", campaign.id().toString());
        }
        return m;
    }

    String render(String template) {
        return TextTemplate.render(template, values::get);
    }

    /** For headers and addresses: one line, trimmed. */
    String renderLine(String template) {
        return render(template).replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
