package io.dialer.contact.dnc;

import io.dialer.platform.Idempotency;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/v1/dnc")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Do not call", description = "The tenant-wide do-not-call list")
public class DncResource {

    public record DncRequest(List<String> numbers, String defaultRegion, String reason) {
    }

    public record DncAddResponse(List<DncService.AddResult> results) {
    }

    public record DncList(List<DncService.DncEntry> items, String nextCursor) {
    }

    private final DncService dnc;
    private final TenantContext tenant;
    private final Idempotency idempotency;

    public DncResource(DncService dnc, TenantContext tenant, Idempotency idempotency) {
        this.dnc = dnc;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addDnc", summary = "Add numbers to the tenant's do-not-call list (up to 1,000)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "A result per number",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = DncAddResponse.class)))
    public Response add(@jakarta.ws.rs.HeaderParam(Idempotency.HEADER) String idempotencyKey, DncRequest request) {
        if (request == null) {
            throw io.dialer.platform.ApiProblem.badRequest("A JSON body is required");
        }
        String t = tenant.current();
        return idempotency.run(t, idempotencyKey, idempotency.fingerprint("POST /v1/dnc", request), () -> Response.ok(
                new DncAddResponse(dnc.add(t, request.numbers(), request.defaultRegion(), request.reason(), "API"))).build());
    }

    @GET
    @Operation(operationId = "listDnc", summary = "List do-not-call entries")
    public DncList list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Page<DncService.DncEntry> page = dnc.list(tenant.current(), PageRequest.of(limit, cursor));
        return new DncList(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{e164}")
    @Operation(operationId = "getDnc", summary = "Is this number on the do-not-call list?")
    public DncService.DncEntry get(@PathParam("e164") String e164) {
        return dnc.get(tenant.current(), e164);
    }

    @DELETE
    @Path("/{e164}")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "204", description = "Done")
    @Operation(operationId = "deleteDnc", summary = "Remove a number from the do-not-call list")
    public Response delete(@PathParam("e164") String e164) {
        dnc.remove(tenant.current(), e164);
        return Response.noContent().build();
    }
}
