package io.dialer.dialing;

import io.dialer.platform.ApiProblem;
import io.dialer.platform.Ids;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/calls/{callId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls", description = "Call attempts: technical results and business outcomes")
public class CallResource {

    private final CallRepository calls;
    private final TenantContext tenant;

    public CallResource(CallRepository calls, TenantContext tenant) {
        this.calls = calls;
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "getCall", summary = "One call attempt with its result and outcome")
    public CallView get(@PathParam("callId") String callId) {
        return calls.find(tenant.current(), Ids.parse("Call", callId)).orElseThrow(() -> ApiProblem.notFound("Call", callId));
    }
}
