package io.dialer.dialing;

import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignService;
import io.dialer.engine.result.ResultCode;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/v1/campaigns/{campaignId}/attempts")
@Tag(name = "Calls")
public class CampaignAttemptResource {

    public record CallList(List<CallView> items, String nextCursor) {
    }

    private static final String CSV_HEADER = "id,contactId,contactExternalId,number,phoneIndex,mode,state,result,cause,agentId,"
            + "trunk,callerId,callback,placedAt,answeredAt,connectedAt,endedAt,ringSeconds,waitSeconds,talkSeconds,"
            + "outcome,outcomeCategory,outcomeFinal,outcomeNotes";

    private final CallRepository calls;
    private final CampaignService campaigns;
    private final TenantContext tenant;

    public CampaignAttemptResource(CallRepository calls, CampaignService campaigns, TenantContext tenant) {
        this.calls = calls;
        this.campaigns = campaigns;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listCampaignAttempts", summary = "A campaign's call attempts (filters, cursor); text/csv exports them all")
    public CallList list(@PathParam("campaignId") String campaignId, @QueryParam("result") String result,
                         @QueryParam("contactId") String contactId, @QueryParam("agentId") String agentId,
                         @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        String t = tenant.current();
        Campaign campaign = campaigns.get(t, campaignId);
        CallRepository.CallFilter filter = filter(result, contactId, agentId, from, to);
        PageRequest page = PageRequest.of(limit, cursor);
        Page<CallView> p = page.page(calls.list(t, campaign.id(), filter, page.afterId(), page.limit() + 1), CallView::id);
        return new CallList(p.items(), p.nextCursor());
    }

    @GET
    @Produces("text/csv")
    @Operation(operationId = "exportCampaignAttempts", summary = "Every matching call attempt as CSV")
    @APIResponse(responseCode = "200", description = "CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response export(@PathParam("campaignId") String campaignId, @QueryParam("result") String result,
                           @QueryParam("contactId") String contactId, @QueryParam("agentId") String agentId,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        String t = tenant.current();
        Campaign campaign = campaigns.get(t, campaignId);
        CallRepository.CallFilter filter = filter(result, contactId, agentId, from, to);
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(CSV_HEADER);
            w.write("\r\n");
            UUID after = null;
            while (true) {
                List<CallView> batch = calls.list(t, campaign.id(), filter, after, 1000);
                for (CallView c : batch) {
                    w.write(row(c));
                    w.write("\r\n");
                }
                if (batch.size() < 1000) {
                    break;
                }
                after = UUID.fromString(batch.get(batch.size() - 1).id());
            }
            w.flush();
        };
        return Response.ok(body, "text/csv").header("Content-Disposition",
                "attachment; filename=\"attempts-" + campaign.id() + ".csv\"").build();
    }

    private static CallRepository.CallFilter filter(String result, String contactId, String agentId, String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        if (result != null && !ResultCode.isKnown(result)) {
            errors.add(new FieldError("result", "invalid_value", "is not a result code (see GET /v1/result-codes)"));
        }
        UUID contact = uuid(contactId, "contactId", errors);
        UUID agent = uuid(agentId, "agentId", errors);
        Instant fromTime = instant(from, "from", errors);
        Instant toTime = instant(to, "to", errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return new CallRepository.CallFilter(result, contact, agent, fromTime, toTime);
    }

    private static UUID uuid(String value, String field, List<FieldError> errors) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "invalid_value", "is not an id"));
            return null;
        }
    }

    private static Instant instant(String value, String field, List<FieldError> errors) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.DateTimeException e) {
            errors.add(new FieldError(field, "invalid_value", "must be an RFC 3339 UTC time such as 2026-06-01T12:00:00Z"));
            return null;
        }
    }

    private static String row(CallView c) {
        CallView.Outcome o = c.outcome();
        return String.join(",", csv(c.id()), csv(c.contactId()), csv(c.contactExternalId()), csv(c.number()),
                String.valueOf(c.phoneIndex()), csv(c.mode()), csv(c.state()), csv(c.result()), csv(c.cause()), csv(c.agentId()),
                csv(c.trunk()), csv(c.callerId()), String.valueOf(c.callback()), csv(c.placedAt()), csv(c.answeredAt()),
                csv(c.connectedAt()), csv(c.endedAt()), csv(c.ringSeconds()), csv(c.waitSeconds()), csv(c.talkSeconds()),
                csv(o == null ? null : o.code()), csv(o == null ? null : o.category()), csv(o == null ? null : o.isFinal()),
                csv(o == null ? null : o.notes()));
    }

    private static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.startsWith("=") || s.startsWith("+") && !s.matches("\\+[0-9]+") || s.startsWith("-") || s.startsWith("@")) {
            s = "'" + s; // keeps spreadsheets from running formulas
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
