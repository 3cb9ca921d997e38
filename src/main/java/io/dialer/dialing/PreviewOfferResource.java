package io.dialer.dialing;

import io.dialer.platform.ApiProblem;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;

@Path("/v1/agents/{agentId}/offers/{offerId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
public class PreviewOfferResource {

    /** ACCEPT dials the contact for this agent; SKIP puts it back for later; CLOSE ends it without a call. */
    public record OfferDecision(String action) {
    }

    private static final Set<String> ACTIONS = Set.of("ACCEPT", "SKIP", "CLOSE");

    private final DialingService dialing;
    private final TenantContext tenant;

    public PreviewOfferResource(DialingService dialing, TenantContext tenant) {
        this.dialing = dialing;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decideOffer", summary = "Accept, skip or close a contact offered in preview mode")
    public Response decide(@PathParam("agentId") String agentId, @PathParam("offerId") String offerId, OfferDecision body) {
        if (body == null || body.action() == null || !ACTIONS.contains(body.action())) {
            throw ApiProblem.invalidField("action", "invalid_value", "must be one of ACCEPT, SKIP, CLOSE");
        }
        dialing.decidePreview(tenant.current(), agentId, offerId, body.action());
        return Response.accepted().build();
    }
}
