package io.dialer.outcome;

import io.dialer.dialing.CallView;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/calls/{callId}/outcome")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls")
public class OutcomeResource {

    private final OutcomeService outcomes;
    private final TenantContext tenant;

    public OutcomeResource(OutcomeService outcomes, TenantContext tenant) {
        this.outcomes = outcomes;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordOutcome", summary = "Record the business outcome of a call (once; the same body again is a no-op)")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded with this same body",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallView.class)))
    public Response record(@PathParam("callId") String callId, OutcomeRequest request) {
        OutcomeService.Recorded r = outcomes.record(tenant.current(), callId, request);
        return Response.status(r.created() ? 201 : 200).entity(r.call()).build();
    }
}
