package io.dialer.dialing;

import io.dialer.contact.ContactService;
import io.dialer.contact.ContactView;
import io.dialer.contact.PendingCallback;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/v1/campaigns/{campaignId}/contacts/{contactId}/callback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
public class CallbackResource {

    /**
     * A call back the person asked for.
     *
     * @param at         when to call (RFC 3339)
     * @param agentId    the agent who owns it, or null for any agent
     * @param phoneIndex which of the contact's numbers (0-based), or null for the usual choice
     * @param anyTime    the person accepted a time outside the campaign's windows (legal windows still apply)
     */
    public record CallbackRequest(Instant at, String agentId, Integer phoneIndex, Boolean anyTime) {
    }

    private final ContactService contacts;
    private final DialingService dialing;
    private final TenantContext tenant;

    public CallbackResource(ContactService contacts, DialingService dialing, TenantContext tenant) {
        this.contacts = contacts;
        this.dialing = dialing;
        this.tenant = tenant;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "scheduleCallback", summary = "Schedule a call back to the contact; it replaces retry timing")
    public ContactView schedule(@PathParam("campaignId") String campaignId, @PathParam("contactId") String contactId,
                                CallbackRequest body) {
        String t = tenant.current();
        ContactView contact = contacts.get(t, campaignId, contactId);
        List<FieldError> errors = new ArrayList<>();
        if (body == null || body.at() == null) {
            errors.add(new FieldError("at", "required", "is required (RFC 3339 time)"));
        }
        if (body != null && body.phoneIndex() != null && (body.phoneIndex() < 0 || body.phoneIndex() >= contact.phones().size())) {
            errors.add(new FieldError("phoneIndex", "out_of_range", "must be between 0 and " + (contact.phones().size() - 1)));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        dialing.scheduleCallback(t, UUID.fromString(contact.id()), new PendingCallback(body.at(), body.agentId(),
                body.phoneIndex(), Boolean.TRUE.equals(body.anyTime())));
        return contacts.get(t, campaignId, contactId);
    }
}
