package io.dialer.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.platform.ApiProblem;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/v1/campaigns/{campaignId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts", description = "Call lists: contacts pushed in real time")
public class ContactResource {

    public record ContactBatch(List<ContactInput> contacts) {
    }

    public record ContactBatchResult(int created, int updated, int rejected, List<ContactService.ItemResult> results) {
    }

    public record ContactList(List<ContactView> items, String nextCursor) {
    }

    private final ContactService contacts;
    private final TenantContext tenant;
    private final Idempotency idempotency;

    public ContactResource(ContactService contacts, TenantContext tenant, Idempotency idempotency) {
        this.contacts = contacts;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertContacts", summary = "Create or update up to 1,000 contacts by externalId, with a result per item")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "A result per item",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ContactBatchResult.class)))
    public Response upsert(@PathParam("campaignId") String campaignId,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey, ContactBatch batch) {
        if (batch == null) {
            throw ApiProblem.badRequest("A JSON body {\"contacts\": [...]} is required");
        }
        String t = tenant.current();
        String route = "POST /v1/campaigns/" + campaignId + "/contacts";
        return idempotency.run(t, idempotencyKey, idempotency.fingerprint(route, batch), () -> {
            List<ContactService.ItemResult> results = contacts.upsertBatch(t, campaignId, batch.contacts());
            int created = (int) results.stream().filter(r -> r.status().equals("created")).count();
            int updated = (int) results.stream().filter(r -> r.status().equals("updated")).count();
            return Response.ok(new ContactBatchResult(created, updated, results.size() - created - updated, results)).build();
        });
    }

    @GET
    @Operation(operationId = "listContacts", summary = "List a campaign's contacts (filter by state or externalId)")
    public ContactList list(@PathParam("campaignId") String campaignId, @QueryParam("state") String state,
                            @QueryParam("externalId") String externalId, @QueryParam("limit") Integer limit,
                            @QueryParam("cursor") String cursor) {
        Page<ContactView> page = contacts.list(tenant.current(), campaignId, state, externalId, PageRequest.of(limit, cursor));
        return new ContactList(page.items(), page.nextCursor());
    }

    @GET
    @Path("/{contactId}")
    @Operation(operationId = "getContact", summary = "Read one contact")
    public ContactView get(@PathParam("campaignId") String campaignId, @PathParam("contactId") String contactId) {
        return contacts.get(tenant.current(), campaignId, contactId);
    }

    @PATCH
    @Path("/{contactId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateContact", summary = "Correct a contact (JSON merge patch)")
    public ContactView patch(@PathParam("campaignId") String campaignId, @PathParam("contactId") String contactId,
                             @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                                     mediaType = MediaType.APPLICATION_JSON,
                                     schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = ContactInput.class)))
                             ObjectNode patch) {
        return contacts.patch(tenant.current(), campaignId, contactId, patch);
    }

    @DELETE
    @Path("/{contactId}")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "204", description = "Done")
    @Operation(operationId = "cancelContact", summary = "Cancel a contact: it will not be dialled again")
    public Response cancel(@PathParam("campaignId") String campaignId, @PathParam("contactId") String contactId) {
        contacts.cancel(tenant.current(), campaignId, contactId);
        return Response.noContent().build();
    }
}
