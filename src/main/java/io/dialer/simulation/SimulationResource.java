package io.dialer.simulation;

import io.dialer.platform.Idempotency;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/v1/simulations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Simulations", description = "What-if pacing simulations: compare algorithms on a scenario")
public class SimulationResource {

    public record SimulationList(List<SimulationJob.Summary> items, String nextCursor) {
    }

    private final SimulationService simulations;
    private final TenantContext tenant;
    private final Idempotency idempotency;

    public SimulationResource(SimulationService simulations, TenantContext tenant, Idempotency idempotency) {
        this.simulations = simulations;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "The simulation, QUEUED; poll its Location until COMPLETED or FAILED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationJob.class)))
    @APIResponse(responseCode = "429", description = "Too many simulations queued or running for this tenant",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @Operation(operationId = "createSimulation", summary = "Run a what-if pacing simulation",
            description = "Validates the scenario (every bad field is listed in one 422), applies the defaults and runs it "
                    + "in the background, one simulation at a time per service instance. A request may ask for at most "
                    + "1.5e9 units of work, agents × shiftSeconds × seeds × the sum of the algorithms' weights "
                    + "(PROGRESSIVE, VICIDIAL_ADAPTIVE, ERLANG 1; ORACLE 3; PREDICTIVE, SEMI_ORACLE 8; FIXED_RATIO 9, its "
                    + "ratio sweep): a few minutes of one core. The 50-agent, 8-hour, 30-seed, all-algorithm reference "
                    + "scenario is 1.34e9 and fits. At most 5 simulations per tenant may be queued or running at once (429 otherwise).")
    public Response create(@HeaderParam(Idempotency.HEADER) String idempotencyKey, SimulationRequest request) {
        String t = tenant.current();
        return idempotency.run(t, idempotencyKey, idempotency.fingerprint("POST /v1/simulations", request), () -> {
            SimulationJob job = simulations.submit(t, request);
            return Response.accepted(job).location(URI.create("/v1/simulations/" + job.id())).build();
        });
    }

    @GET
    @Operation(operationId = "listSimulations", summary = "List simulations, newest first (without their results)")
    public SimulationList list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Page<SimulationJob.Summary> page = simulations.list(tenant.current(), PageRequest.of(limit, cursor));
        return new SimulationList(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The simulation; results once COMPLETED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationJob.class)))
    @Operation(operationId = "getSimulation", summary = "Read a simulation and, when it is done, one result per algorithm")
    public SimulationJob get(@PathParam("id") String id) {
        return simulations.get(tenant.current(), id);
    }
}
