package io.dialer.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Ids;
import io.dialer.platform.Json;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test events, replays and the delivery log of an endpoint. */
@ApplicationScoped
public class WebhookDeliveryService {

    private final WebhookEndpointService endpoints;
    private final DeliveryRepository deliveries;
    private final ObjectMapper mapper;
    private final Clock clock;

    WebhookDeliveryService(WebhookEndpointService endpoints, DeliveryRepository deliveries, ObjectMapper mapper, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Records a webhook.test event delivered to this endpoint only; returns the event's id. */
    @Transactional
    public UUID sendTest(String tenant, String endpointId) {
        WebhookEndpoint endpoint = enabledEndpoint(tenant, endpointId);
        UUID eventId = Ids.newId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id().toString());
        data.put("message", "A test event from Dialer: this endpoint receives and verifies webhooks");
        deliveries.insertTestEvent(tenant, endpoint.id(), eventId, Json.write(mapper, data), now());
        return eventId;
    }

    /** Queues the tenant's events of the range again for this endpoint (same event ids, so same webhook-id); returns how many. */
    @Transactional
    public int replay(String tenant, String endpointId, ReplayRequest request) {
        WebhookEndpoint endpoint = endpoints.find(tenant, endpointId);
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body is required");
        }
        Instant now = now();
        List<FieldError> errors = new ArrayList<>();
        Instant from = time("from", request.from(), errors);
        Instant to = time("to", request.to(), errors);
        Instant oldest = now.minus(EventService.RETENTION);
        if (from != null && from.isBefore(oldest)) {
            errors.add(new FieldError("from", "out_of_range", "must be at most " + EventService.RETENTION.toDays()
                    + " days ago (events are kept that long)"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "out_of_range", "must be after 'from'"));
        }
        String[] types = null;
        if (request.types() != null) {
            for (int i = 0; i < request.types().size(); i++) {
                String type = request.types().get(i);
                if (type == null || !EventTypes.ALL.contains(type)) {
                    errors.add(new FieldError("types[" + i + "]", "invalid_value", "must be one of " + EventTypes.ALL));
                }
            }
            types = request.types().toArray(String[]::new);
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        requireEnabled(endpoint);
        return deliveries.insertReplay(tenant, endpoint.id(), from, to, types, now);
    }

    /** The endpoint's delivery attempts, newest first, optionally of one event. */
    public Page<DeliveryAttemptView> attempts(String tenant, String endpointId, String eventId, PageRequest page) {
        WebhookEndpoint endpoint = endpoints.find(tenant, endpointId);
        UUID event = null;
        if (eventId != null) {
            try {
                event = UUID.fromString(eventId);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("eventId", "invalid_value", "is not an event id");
            }
        }
        Long before = null;
        if (page.afterKey() != null) {
            try {
                before = Long.parseLong(page.afterKey());
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidField("cursor", "invalid_cursor", "is not a cursor returned by this API");
            }
        }
        List<DeliveryAttemptView> rows = deliveries.attempts(tenant, endpoint.id(), event, before, page.limit() + 1);
        return page.page(rows, DeliveryAttemptView::id);
    }

    private WebhookEndpoint enabledEndpoint(String tenant, String endpointId) {
        WebhookEndpoint endpoint = endpoints.find(tenant, endpointId);
        requireEnabled(endpoint);
        return endpoint;
    }

    private static void requireEnabled(WebhookEndpoint endpoint) {
        if (!endpoint.enabled()) {
            throw ApiProblem.conflict("endpoint-disabled",
                    "The endpoint is disabled; enable it (PATCH enabled: true) and send again");
        }
    }

    private static Instant time(String field, String raw, List<FieldError> errors) {
        if (raw == null) {
            errors.add(new FieldError(field, "required", "is required"));
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "invalid_value", "must be an RFC 3339 time such as 2026-06-01T12:00:00Z"));
            return null;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
