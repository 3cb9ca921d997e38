package io.dialer.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.platform.Idempotency;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns", description = "Campaign configuration and lifecycle")
public class CampaignResource {

    public record CampaignList(List<CampaignView> items, String nextCursor) {
    }

    private final CampaignService campaigns;
    private final TenantContext tenant;
    private final Idempotency idempotency;

    public CampaignResource(CampaignService campaigns, TenantContext tenant, Idempotency idempotency) {
        this.campaigns = campaigns;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The new campaign",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @Operation(operationId = "createCampaign", summary = "Create a campaign (DRAFT)")
    public Response create(@HeaderParam(Idempotency.HEADER) String idempotencyKey, CampaignRequest request) {
        String t = tenant.current();
        return idempotency.run(t, idempotencyKey, idempotency.fingerprint("POST /v1/campaigns", request), () -> {
            Campaign c = campaigns.create(t, request);
            return Response.created(URI.create("/v1/campaigns/" + c.id())).tag(unquoted(c)).entity(c.view()).build();
        });
    }

    @GET
    @Operation(operationId = "listCampaigns", summary = "List campaigns")
    public CampaignList list(@QueryParam("state") String state, @QueryParam("limit") Integer limit,
                             @QueryParam("cursor") String cursor) {
        Page<Campaign> page = campaigns.list(tenant.current(), state, PageRequest.of(limit, cursor));
        return new CampaignList(page.items().stream().map(Campaign::view).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The campaign, with its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @Operation(operationId = "getCampaign", summary = "Read a campaign")
    public Response get(@PathParam("id") String id) {
        Campaign c = campaigns.get(tenant.current(), id);
        return Response.ok(c.view()).tag(unquoted(c)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @APIResponse(responseCode = "200", description = "The updated campaign",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @Operation(operationId = "updateCampaign", summary = "Change a campaign (JSON merge patch; If-Match with the ETag)")
    public Response patch(@PathParam("id") String id,
                          @Parameter(description = "ETag from a previous read") @HeaderParam("If-Match") String ifMatch,
                          @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                                  mediaType = MediaType.APPLICATION_JSON,
                                  schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CampaignRequest.class)))
                          ObjectNode patch) {
        Campaign c = campaigns.patch(tenant.current(), id, patch, ifMatch);
        return Response.ok(c.view()).tag(unquoted(c)).build();
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @Operation(operationId = "deleteCampaign", summary = "Delete a campaign that is not running, with its contacts")
    public Response delete(@PathParam("id") String id) {
        campaigns.delete(tenant.current(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/start")
    @APIResponse(responseCode = "200", description = "The campaign after the transition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @Operation(operationId = "startCampaign", summary = "Start dialing (DRAFT to RUNNING)")
    public Response start(@PathParam("id") String id) {
        return transition(id, CampaignState.Action.START);
    }

    @POST
    @Path("/{id}/pause")
    @APIResponse(responseCode = "200", description = "The campaign after the transition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @Operation(operationId = "pauseCampaign", summary = "Pause: no new dials, calls in progress finish")
    public Response pause(@PathParam("id") String id) {
        return transition(id, CampaignState.Action.PAUSE);
    }

    @POST
    @Path("/{id}/resume")
    @APIResponse(responseCode = "200", description = "The campaign after the transition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @Operation(operationId = "resumeCampaign", summary = "Resume a paused campaign")
    public Response resume(@PathParam("id") String id) {
        return transition(id, CampaignState.Action.RESUME);
    }

    @POST
    @Path("/{id}/stop")
    @APIResponse(responseCode = "200", description = "The campaign after the transition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    @Operation(operationId = "stopCampaign", summary = "Stop the campaign for good")
    public Response stop(@PathParam("id") String id) {
        return transition(id, CampaignState.Action.STOP);
    }

    private Response transition(String id, CampaignState.Action action) {
        Campaign c = campaigns.transition(tenant.current(), id, action);
        return Response.ok(c.view()).tag(unquoted(c)).build();
    }

    private static jakarta.ws.rs.core.EntityTag unquoted(Campaign c) {
        return new jakarta.ws.rs.core.EntityTag(String.valueOf(c.version()));
    }
}
