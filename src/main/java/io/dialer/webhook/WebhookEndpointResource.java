package io.dialer.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.platform.Idempotency;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import io.dialer.platform.ProblemBody;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/v1/webhook-endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Endpoints that receive the events as signed webhooks (Standard Webhooks), their delivery "
        + "log, replays and test events")
public class WebhookEndpointResource {

    public record WebhookEndpointList(List<WebhookEndpointView> items, String nextCursor) {
    }

    @Schema(name = "WebhookDeliveryAttemptList")
    public record DeliveryAttemptList(List<DeliveryAttemptView> items, String nextCursor) {
    }

    @Schema(name = "WebhookTestSent")
    public record TestSent(@Schema(description = "The webhook.test event; its deliveries show in the delivery log") String eventId) {
    }

    @Schema(name = "WebhookReplayQueued")
    public record ReplayQueued(@Schema(description = "How many events will be sent again") int count) {
    }

    private static final String ROUTE = "/v1/webhook-endpoints";

    private final WebhookEndpointService endpoints;
    private final WebhookDeliveryService deliveries;
    private final WebhookDispatcher dispatcher;
    private final TenantContext tenant;
    private final Idempotency idempotency;

    public WebhookEndpointResource(WebhookEndpointService endpoints, WebhookDeliveryService deliveries,
                                   WebhookDispatcher dispatcher, TenantContext tenant, Idempotency idempotency) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The new endpoint, with its signing secret (shown only here)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookEndpointView.class)))
    @Operation(operationId = "createWebhookEndpoint", summary = "Register an endpoint for webhooks",
            description = "Events of the selected types are POSTed to the URL as JSON with Standard Webhooks headers "
                    + "(webhook-id, webhook-timestamp, webhook-signature). The response shows the signing secret once.")
    public Response create(@HeaderParam(Idempotency.HEADER) String idempotencyKey, WebhookEndpointRequest request) {
        String t = tenant.current();
        return idempotency.run(t, idempotencyKey, idempotency.fingerprint("POST " + ROUTE, request), () -> {
            WebhookEndpointView created = endpoints.create(t, request);
            return Response.created(URI.create(ROUTE + "/" + created.id())).entity(created).build();
        });
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "List webhook endpoints")
    public WebhookEndpointList list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Page<WebhookEndpointView> page = endpoints.list(tenant.current(), PageRequest.of(limit, cursor));
        return new WebhookEndpointList(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "Read a webhook endpoint (without its secret)")
    public WebhookEndpointView get(@PathParam("id") String id) {
        return endpoints.get(tenant.current(), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateWebhookEndpoint", summary = "Change, disable or re-enable an endpoint (JSON merge patch)")
    public WebhookEndpointView patch(@PathParam("id") String id,
                                     @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                             schema = @Schema(implementation = WebhookEndpointPatch.class))) ObjectNode patch) {
        WebhookEndpointView updated = endpoints.patch(tenant.current(), id, patch);
        dispatcher.wake();
        return updated;
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted, with its pending deliveries and its delivery log")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete an endpoint")
    public Response delete(@PathParam("id") String id) {
        endpoints.delete(tenant.current(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @APIResponse(responseCode = "200", description = "The new secret; the previous one keeps signing beside it for 24 hours",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookEndpointService.RotatedSecret.class)))
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the endpoint's signing secret",
            description = "For 24 hours every webhook carries two signatures (new secret first, then the old one, separated by "
                    + "a space), so the receiver can switch to the new secret without losing any webhook.")
    public Response rotateSecret(@HeaderParam(Idempotency.HEADER) String idempotencyKey, @PathParam("id") String id) {
        String t = tenant.current();
        return idempotency.run(t, idempotencyKey, idempotency.fingerprint("POST " + ROUTE + "/" + id + "/rotate-secret", null),
                () -> Response.ok(endpoints.rotateSecret(t, id)).build());
    }

    @POST
    @Path("/{id}/test")
    @APIResponse(responseCode = "202", description = "The test event is queued for this endpoint",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TestSent.class)))
    @APIResponse(responseCode = "409", description = "The endpoint is disabled",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "sendWebhookTest", summary = "Send a webhook.test event to this endpoint only")
    public Response sendTest(@HeaderParam(Idempotency.HEADER) String idempotencyKey, @PathParam("id") String id) {
        String t = tenant.current();
        Response response = idempotency.run(t, idempotencyKey, idempotency.fingerprint("POST " + ROUTE + "/" + id + "/test", null),
                () -> Response.accepted(new TestSent(deliveries.sendTest(t, id).toString())).build());
        dispatcher.wake();
        return response;
    }

    @POST
    @Path("/{id}/replays")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "The events are queued for this endpoint again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayQueued.class)))
    @APIResponse(responseCode = "409", description = "The endpoint is disabled",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "replayWebhooks", summary = "Send the events of a time range to this endpoint again",
            description = "Every event of the tenant created in [from, to) that the endpoint subscribes to (and of the given "
                    + "types) is delivered again, with its original webhook-id, so receivers that de-duplicate stay correct.")
    public Response replay(@HeaderParam(Idempotency.HEADER) String idempotencyKey, @PathParam("id") String id,
                           ReplayRequest request) {
        String t = tenant.current();
        Response response = idempotency.run(t, idempotencyKey,
                idempotency.fingerprint("POST " + ROUTE + "/" + id + "/replays", request),
                () -> Response.accepted(new ReplayQueued(deliveries.replay(t, id, request))).build());
        dispatcher.wake();
        return response;
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's delivery log: every HTTP attempt, newest first")
    public DeliveryAttemptList deliveries(@PathParam("id") String id,
                                          @Parameter(description = "Only the attempts of this event") @QueryParam("eventId") String eventId,
                                          @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Page<DeliveryAttemptView> page = deliveries.attempts(tenant.current(), id, eventId, PageRequest.of(limit, cursor));
        return new DeliveryAttemptList(page.items(), page.nextCursor());
    }
}
