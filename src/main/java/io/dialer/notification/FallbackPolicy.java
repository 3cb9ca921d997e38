package io.dialer.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.campaign.CampaignSettings;
import io.dialer.contact.Contact;
import io.dialer.contact.StoredPhone;
import io.dialer.webhook.EventTypes;
import io.dialer.webhook.NewEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * When a contact that ends without being reached gets a fallback message, and what the dialing loop records for it.
 * The loop calls {@link #wants} when a contact reaches its final state and, if it answers true, records
 * {@link #event} in the same transaction; {@link FallbackNotifier} sends the messages from there.
 */
public final class FallbackPolicy {

    /** The {@code reason} of a fallback request whose contact ran out of attempts (otherwise the last result code). */
    public static final String ATTEMPTS_EXHAUSTED = "ATTEMPTS_EXHAUSTED";

    private static final ObjectMapper ATTRIBUTES = new ObjectMapper();

    private FallbackPolicy() {
    }

    /**
     * Whether a contact that just ended should get the campaign's fallback.
     *
     * @param fallback   the campaign's {@code fallback} settings (null: none)
     * @param exhausted  the contact ended because its attempts (or dialable numbers) ran out
     * @param lastResult the result code of its last attempt, or null
     */
    public static boolean wants(CampaignSettings.Fallback fallback, boolean exhausted, String lastResult) {
        if (fallback == null) {
            return false;
        }
        if (exhausted && !Boolean.FALSE.equals(fallback.onExhausted())) {
            return true;
        }
        return lastResult != null && fallback.resultCodes() != null && fallback.resultCodes().contains(lastResult);
    }

    /** {@value #ATTEMPTS_EXHAUSTED} when the contact ran out of attempts, else its last result code. */
    public static String reason(boolean exhausted, String lastResult) {
        return exhausted || lastResult == null ? ATTEMPTS_EXHAUSTED : lastResult;
    }

    /**
     * The {@code contact.fallback_requested} event for a contact that ended: record it with
     * {@code EventLog.record(...)} in the transaction that writes the contact's final state.
     */
    public static NewEvent event(Contact contact, boolean exhausted, String lastResult) {
        return new NewEvent(contact.tenant(), EventTypes.CONTACT_FALLBACK_REQUESTED, contact.campaignId(),
                eventData(contact, exhausted, lastResult));
    }

    /**
     * The event's data, exactly the fields {@link FallbackNotifier} reads: campaignId, contactId, externalId,
     * firstName, lastName, reason, lastResult, phones (E.164, in the contact's order) and attributes (an object).
     */
    public static Map<String, Object> eventData(Contact contact, boolean exhausted, String lastResult) {
        List<String> phones = new ArrayList<>();
        if (contact.phones() != null) {
            for (StoredPhone p : contact.phones()) {
                if (p != null && p.e164() != null) {
                    phones.add(p.e164());
                }
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", Objects.toString(contact.campaignId(), null));
        data.put("contactId", Objects.toString(contact.id(), null));
        data.put("externalId", contact.externalId());
        data.put("firstName", contact.firstName());
        data.put("lastName", contact.lastName());
        data.put("reason", reason(exhausted, lastResult));
        data.put("lastResult", lastResult);
        data.put("phones", phones);
        data.put("attributes", attributes(contact.attributesJson()));
        return data;
    }

    private static JsonNode attributes(String json) {
        if (json == null || json.isBlank()) {
            return ATTRIBUTES.createObjectNode();
        }
        try {
            JsonNode node = ATTRIBUTES.readTree(json);
            return node != null && node.isObject() ? node : ATTRIBUTES.createObjectNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ATTRIBUTES.createObjectNode();
        }
    }

    static UUID uuidOrNull(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
