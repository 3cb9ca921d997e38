package io.dialer.contact.numbers;

import io.dialer.platform.ApiProblem;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/v1/phone-numbers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Phone numbers", description = "Tenant-wide status of phone numbers")
public class PhoneNumberResource {

    public record StatusRequest(String status, String reason) {
    }

    public record NumberStatusList(List<NumberStatusService.NumberStatus> items, String nextCursor) {
    }

    private final NumberStatusService numbers;
    private final TenantContext tenant;

    public PhoneNumberResource(NumberStatusService numbers, TenantContext tenant) {
        this.numbers = numbers;
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "listPhoneNumbers", summary = "List numbers with a recorded status (filter by status)")
    public NumberStatusList list(@QueryParam("status") String status, @QueryParam("limit") Integer limit,
                                 @QueryParam("cursor") String cursor) {
        Page<NumberStatusService.NumberStatus> page = numbers.list(tenant.current(), status, PageRequest.of(limit, cursor));
        return new NumberStatusList(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{e164}")
    @Operation(operationId = "getPhoneNumber", summary = "Status and facts of one number (VALID unless marked)")
    public NumberStatusService.NumberStatus get(@PathParam("e164") String e164) {
        return numbers.get(tenant.current(), e164);
    }

    @PUT
    @Path("/{e164}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setPhoneNumberStatus", summary = "Mark a number VALID, INVALID or OUTDATED tenant-wide")
    public NumberStatusService.NumberStatus put(@PathParam("e164") String e164, StatusRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body with 'status' is required");
        }
        return numbers.set(tenant.current(), e164, request.status(), request.reason());
    }
}
