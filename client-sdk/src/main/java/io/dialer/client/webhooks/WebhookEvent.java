package io.dialer.client.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An event Dialer sent: the envelope {@code {"id", "type", "timestamp", "campaignId", "sequence", "data"}} and its
 * data. Each catalogue type has its own subclass with typed accessors ({@link AttemptCompleted},
 * {@link ContactCompleted}, ...); a type this SDK does not know yet arrives as a {@link GenericEvent}. Accessors
 * read the data leniently: a field that is absent or null reads as null, and {@link #data()} always has everything.
 */
public abstract class WebhookEvent {

    public static final String ATTEMPT_COMPLETED = "attempt.completed";
    public static final String CONTACT_COMPLETED = "contact.completed";
    public static final String CONTACT_FALLBACK_REQUESTED = "contact.fallback_requested";
    public static final String OUTCOME_RECORDED = "outcome.recorded";
    public static final String NUMBER_INVALIDATED = "number.invalidated";
    public static final String CAMPAIGN_STARTED = "campaign.started";
    public static final String CAMPAIGN_PAUSED = "campaign.paused";
    public static final String CAMPAIGN_RESUMED = "campaign.resumed";
    public static final String CAMPAIGN_STOPPED = "campaign.stopped";
    public static final String CAMPAIGN_COMPLETED = "campaign.completed";
    public static final String IMPORT_COMPLETED = "import.completed";
    public static final String IMPORT_FAILED = "import.failed";
    public static final String ENDPOINT_DISABLED = "endpoint.disabled";
    public static final String WEBHOOK_TEST = "webhook.test";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode envelope;
    private final JsonNode data;

    protected WebhookEvent(JsonNode envelope) {
        this.envelope = envelope;
        JsonNode d = envelope.get("data");
        this.data = d != null && d.isObject() ? d : JsonNodeFactory.instance.objectNode();
    }

    /**
     * Parses an event body without checking any signature (for bodies read back from {@code GET /v1/events} or
     * already verified). Use {@link Webhooks#verify} for requests.
     *
     * @throws IllegalArgumentException if the body is not a JSON object with a {@code type}
     */
    public static WebhookEvent parse(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new IllegalArgumentException("no event type");
        }
        return switch (type.asText()) {
            case ATTEMPT_COMPLETED -> new AttemptCompleted(root);
            case CONTACT_COMPLETED -> new ContactCompleted(root);
            case CONTACT_FALLBACK_REQUESTED -> new FallbackRequested(root);
            case OUTCOME_RECORDED -> new OutcomeRecorded(root);
            case NUMBER_INVALIDATED -> new NumberInvalidated(root);
            case CAMPAIGN_STARTED, CAMPAIGN_PAUSED, CAMPAIGN_RESUMED, CAMPAIGN_STOPPED, CAMPAIGN_COMPLETED ->
                    new CampaignStateChanged(root);
            case IMPORT_COMPLETED, IMPORT_FAILED -> new ImportFinished(root);
            case ENDPOINT_DISABLED -> new EndpointDisabled(root);
            case WEBHOOK_TEST -> new WebhookTest(root);
            default -> new GenericEvent(root);
        };
    }

    /** The event's id (the same across deliveries and replays). */
    public String id() {
        return text(envelope, "id");
    }

    public String type() {
        return text(envelope, "type");
    }

    /** When the event happened. */
    public Instant timestamp() {
        Instant t = instant(envelope, "timestamp");
        return t != null ? t : instant(envelope, "createdAt");
    }

    /** The campaign the event belongs to, or null (endpoint and test events). */
    public String campaignId() {
        String id = text(envelope, "campaignId");
        return id != null ? id : text(data, "campaignId");
    }

    /** Gap-free per campaign in commit order: a gap means an event is still on its way (or was lost). */
    public Long sequence() {
        JsonNode n = envelope.get("sequence");
        return n != null && n.canConvertToLong() ? n.asLong() : null;
    }

    /** The event's data as sent, including fields this SDK has no accessor for. */
    public JsonNode data() {
        return data;
    }

    /** The whole body as a JSON tree. */
    public JsonNode envelope() {
        return envelope;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + envelope;
    }

    // lenient readers of the data

    protected final String text(String field) {
        return text(data, field);
    }

    protected final Instant instant(String field) {
        return instant(data, field);
    }

    protected final Integer integer(String field) {
        JsonNode n = data.get(field);
        return n != null && n.canConvertToInt() && n.isNumber() ? n.asInt() : null;
    }

    protected final Long longValue(String field) {
        JsonNode n = data.get(field);
        return n != null && n.isNumber() && n.canConvertToLong() ? n.asLong() : null;
    }

    protected final Double decimal(String field) {
        JsonNode n = data.get(field);
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    protected final Boolean bool(String field) {
        JsonNode n = data.get(field);
        return n != null && n.isBoolean() ? n.asBoolean() : null;
    }

    protected final List<String> texts(String field) {
        JsonNode n = data.get(field);
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> {
            if (v.isValueNode() && !v.isNull()) {
                out.add(v.asText());
            }
        });
        return Collections.unmodifiableList(out);
    }

    protected final ObjectNode object(String field) {
        JsonNode n = data.get(field);
        return n != null && n.isObject() ? ((ObjectNode) n).deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
