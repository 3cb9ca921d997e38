package io.dialer.webhook;

import io.dialer.platform.ApiProblem;
import io.dialer.platform.Ids;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "The event log behind the webhooks, kept 30 days")
public class EventResource {

    public record EventList(java.util.List<EventView> items, String nextCursor) {
    }

    private final EventService events;
    private final TenantContext tenant;

    public EventResource(EventService events, TenantContext tenant) {
        this.events = events;
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "listEvents", summary = "Events in the order they were recorded (filters: type, since, campaignId)")
    public EventList list(@QueryParam("type") String type, @QueryParam("since") String since,
                          @QueryParam("campaignId") String campaignId, @QueryParam("limit") Integer limit,
                          @QueryParam("cursor") String cursor) {
        Instant from = null;
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (java.time.DateTimeException e) {
                throw ApiProblem.invalidField("since", "invalid_value", "must be an RFC 3339 UTC time such as 2026-06-01T12:00:00Z");
            }
        }
        Page<EventView> page = events.list(tenant.current(), type, from, campaignId, PageRequest.of(limit, cursor));
        return new EventList(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEvent", summary = "One event")
    public EventView get(@PathParam("id") String id) {
        return events.find(tenant.current(), Ids.parse("Event", id)).orElseThrow(() -> ApiProblem.notFound("Event", id));
    }
}
