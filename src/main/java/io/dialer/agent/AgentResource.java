package io.dialer.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.Idempotency;
import io.dialer.platform.Page;
import io.dialer.platform.ProblemBody;
import io.dialer.tenant.TenantContext;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "Agents, their campaign assignments, their state and their event stream")
public class AgentResource {

    public record AgentList(List<AgentView> items, String nextCursor) {
    }

    private final AgentService agents;
    private final AgentEventStreams streams;
    private final TenantContext tenant;
    private final Idempotency idempotency;

    public AgentResource(AgentService agents, AgentEventStreams streams, TenantContext tenant, Idempotency idempotency) {
        this.agents = agents;
        this.streams = streams;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The new agent (LOGGED_OUT; READY when simulated)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentView.class)))
    @Operation(operationId = "createAgent", summary = "Create an agent, optionally assigned to campaigns")
    public Response create(@HeaderParam(Idempotency.HEADER) String idempotencyKey, AgentRequest request) {
        String t = tenant.current();
        return idempotency.run(t, idempotencyKey, idempotency.fingerprint("POST /v1/agents", request), () -> {
            Agent a = agents.create(t, request);
            return Response.created(URI.create("/v1/agents/" + a.id())).entity(a.view()).build();
        });
    }

    @GET
    @Operation(operationId = "listAgents", summary = "List agents, optionally of one campaign or in one state")
    public AgentList list(@Parameter(description = "Only agents assigned to this campaign") @QueryParam("campaignId") String campaignId,
                          @Parameter(description = "Only agents in this state",
                                  schema = @Schema(implementation = AgentState.class)) @QueryParam("state") String state,
                          @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Page<Agent> page = agents.list(tenant.current(), campaignId, state, limit, cursor);
        return new AgentList(page.items().stream().map(Agent::view).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAgent", summary = "Read an agent")
    public AgentView get(@PathParam("id") String id) {
        return agents.get(tenant.current(), id).view();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateAgent", summary = "Rename an agent or change its campaign assignments (JSON merge patch)")
    public AgentView patch(@PathParam("id") String id,
                           @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(implementation = AgentPatch.class))) ObjectNode patch) {
        return agents.patch(tenant.current(), id, patch).view();
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The agent is on a call",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "deleteAgent", summary = "Delete an agent that is not on a call")
    public Response delete(@PathParam("id") String id) {
        agents.delete(tenant.current(), id);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{id}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The agent in its new state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "409", description = "The agent is on a call (RESERVED or ON_CALL)",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Operation(operationId = "setAgentState", summary = "Log an agent in or out, or pause it (with a reason)",
            description = "Clients set LOGGED_OUT, READY or PAUSED. From WRAP_UP this ends the after-call work. "
                    + "RESERVED, ON_CALL and WRAP_UP belong to the dialer (422); an agent on a call cannot change (409).")
    public Response setState(@PathParam("id") String id, StateRequest request) {
        return Response.ok(agents.changeState(tenant.current(), id, request).view()).build();
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @APIResponse(responseCode = "200", description = "A text/event-stream: each event has an id, a type (state, offer, "
            + "connected, ended, wrapup, deleted) and JSON data; ': keep-alive' comments every 15 s",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @Operation(operationId = "streamAgentEvents", summary = "Follow an agent's events (Server-Sent Events) for its desktop",
            description = "Without Last-Event-ID the stream starts with a 'state' event describing the agent now, then "
                    + "sends new events. With Last-Event-ID it first replays the events after that id (kept for 24 h).")
    public void events(@PathParam("id") String id,
                       @Parameter(description = "The id of the last event received; the stream resumes after it")
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        String t = tenant.current();
        Agent agent = agents.get(t, id);
        streams.open(t, java.util.UUID.fromString(agent.id()), parseLastEventId(lastEventId), sink, sse,
                () -> agents.stateJson(agents.get(t, id)));
    }

    private static Long parseLastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long v = Long.parseLong(header.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.invalidField("Last-Event-ID", "invalid_value", "must be the id of an event from this stream");
    }
}
