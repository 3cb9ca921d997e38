package io.dialer.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Ids;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Webhook endpoints: registration, changes, secret rotation. */
@ApplicationScoped
public class WebhookEndpointService {

    public static final int MAX_DESCRIPTION = 500;
    /** How long the old secret keeps signing after a rotation. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "disabledReason", "failingSince");

    /** The answer to a secret rotation. */
    @Schema(name = "WebhookSecretRotation")
    public record RotatedSecret(
            @Schema(description = "The new signing secret (whsec_...); shown only here") String secret,
            @Schema(description = "Until when the previous secret signs beside the new one") Instant previousSecretExpiresAt) {
    }

    private final WebhookEndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final TargetGuard guard;
    private final Clock clock;

    WebhookEndpointService(WebhookEndpointRepository endpoints, DeliveryRepository deliveries, TargetGuard guard, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.guard = guard;
        this.clock = clock;
    }

    /** Registers an endpoint; the returned view is the only one that shows its secret. */
    @Transactional
    public WebhookEndpointView create(String tenant, WebhookEndpointRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(guard.validate("url", request.url()));
        List<String> types = validTypes(request.eventTypes(), errors);
        String description = validDescription(request.description(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        Instant now = now();
        String secret = WebhookSigner.newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(Ids.newId(), tenant, request.url(), types,
                !Boolean.FALSE.equals(request.enabled()), description, secret, null, null, null, null, now, now);
        endpoints.insert(endpoint);
        return endpoint.view(secret);
    }

    public WebhookEndpointView get(String tenant, String id) {
        return find(tenant, id).view();
    }

    /** The endpoint of the tenant with this id, or a 404. */
    WebhookEndpoint find(String tenant, String id) {
        return endpoints.find(tenant, Ids.parse("Webhook endpoint", id)).orElseThrow(() -> ApiProblem.notFound("Webhook endpoint", id));
    }

    public Page<WebhookEndpointView> list(String tenant, PageRequest page) {
        List<WebhookEndpointView> rows = endpoints.list(tenant, page.afterId(), page.limit() + 1).stream()
                .map(WebhookEndpoint::view).toList();
        return page.page(rows, WebhookEndpointView::id);
    }

    /** JSON merge patch (RFC 7396) of url, eventTypes, enabled and description. */
    @Transactional
    public WebhookEndpointView patch(String tenant, String id, ObjectNode patch) {
        UUID endpointId = Ids.parse("Webhook endpoint", id);
        WebhookEndpoint current = endpoints.lock(tenant, endpointId).orElseThrow(() -> ApiProblem.notFound("Webhook endpoint", id));
        if (patch == null) {
            throw ApiProblem.badRequest("The PATCH body must be a JSON object");
        }
        List<FieldError> unknown = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        String url = current.url();
        List<String> types = current.eventTypes();
        boolean enabled = current.enabled();
        String description = current.description();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "url" -> {
                    if (value.isTextual() || value.isNull()) {
                        url = value.isNull() ? null : value.asText();
                        errors.addAll(guard.validate("url", url));
                    } else {
                        errors.add(typeError("url", "a string"));
                    }
                }
                case "eventTypes" -> types = typesFromJson(value, errors);
                case "enabled" -> {
                    if (value.isBoolean()) {
                        enabled = value.booleanValue();
                    } else {
                        errors.add(typeError("enabled", "true or false"));
                    }
                }
                case "description" -> {
                    if (value.isTextual() || value.isNull()) {
                        description = validDescription(value.isNull() ? null : value.asText(), errors);
                    } else {
                        errors.add(typeError("description", "a string"));
                    }
                }
                case "secret" -> errors.add(new FieldError("secret", "read_only",
                        "is changed with POST /v1/webhook-endpoints/{id}/rotate-secret"));
                default -> {
                    if (READ_ONLY.contains(key)) {
                        errors.add(new FieldError(key, "read_only", "cannot be changed"));
                    } else {
                        unknown.add(new FieldError(key, "unknown_field", "is not a field of this resource"));
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiProblem.badRequest("Unknown field '" + unknown.get(0).field() + "'", unknown);
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        Instant now = now();
        boolean reEnabled = enabled && !current.enabled();
        boolean disabled = !enabled && current.enabled();
        WebhookEndpoint updated = new WebhookEndpoint(current.id(), tenant, url, types, enabled, description, current.secret(),
                current.previousSecret(), current.previousSecretUntil(), reEnabled ? null : current.failingSince(),
                enabled ? null : current.disabledReason(), current.createdAt(), now);
        endpoints.update(updated);
        if (reEnabled) {
            deliveries.unpark(endpointId, now);
        } else if (disabled) {
            deliveries.park(endpointId);
        }
        return updated.view();
    }

    @Transactional
    public void delete(String tenant, String id) {
        if (!endpoints.delete(tenant, Ids.parse("Webhook endpoint", id))) {
            throw ApiProblem.notFound("Webhook endpoint", id);
        }
    }

    /** A new secret; the previous one keeps signing beside it for {@link #ROTATION_OVERLAP}. */
    @Transactional
    public RotatedSecret rotateSecret(String tenant, String id) {
        UUID endpointId = Ids.parse("Webhook endpoint", id);
        WebhookEndpoint current = endpoints.lock(tenant, endpointId).orElseThrow(() -> ApiProblem.notFound("Webhook endpoint", id));
        Instant now = now();
        Instant until = now.plus(ROTATION_OVERLAP);
        String secret = WebhookSigner.newSecret();
        endpoints.rotateSecret(tenant, endpointId, secret, current.secret(), until, now);
        return new RotatedSecret(secret, until);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- validation

    private static List<String> validTypes(List<String> raw, List<FieldError> errors) {
        if (raw == null) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String type = raw.get(i);
            if (type == null || !EventTypes.ALL.contains(type)) {
                errors.add(new FieldError("eventTypes[" + i + "]", "invalid_value", "must be one of " + EventTypes.ALL));
            } else {
                types.add(type);
            }
        }
        return List.copyOf(types);
    }

    private static List<String> typesFromJson(JsonNode value, List<FieldError> errors) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            errors.add(typeError("eventTypes", "an array of event types"));
            return List.of();
        }
        List<String> raw = new ArrayList<>();
        value.forEach(item -> raw.add(item.isTextual() ? item.asText() : null));
        return validTypes(raw, errors);
    }

    private static String validDescription(String raw, List<FieldError> errors) {
        if (raw != null && raw.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "too_long", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        return raw;
    }

    private static FieldError typeError(String field, String expected) {
        return new FieldError(field, "invalid_type", "must be " + expected);
    }
}
