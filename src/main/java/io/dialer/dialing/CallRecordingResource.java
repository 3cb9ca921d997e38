package io.dialer.dialing;

import io.dialer.platform.ApiProblem;
import io.dialer.platform.Ids;
import io.dialer.telephony.RecordingStore;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.function.Function;

/** A call's recordings as audio files (8 kHz mono 16-bit PCM WAV), for the tenant that owns the call. */
@Path("/v1/calls/{callId}")
@Tag(name = "Calls")
public class CallRecordingResource {

    static final String AUDIO_WAV = "audio/wav";

    private final CallRepository calls;
    private final RecordingStore store;
    private final TenantContext tenant;

    public CallRecordingResource(CallRepository calls, RecordingStore store, TenantContext tenant) {
        this.calls = calls;
        this.store = store;
        this.tenant = tenant;
    }

    @GET
    @Path("/recording")
    @Produces(AUDIO_WAV)
    @Operation(operationId = "getCallRecording", summary = "The recording of a call's conversation with the agent",
            description = "Campaigns with recording enabled record calls bridged to an agent. Recordings are deleted after "
                    + "the campaign's recording.retentionDays; 404 when the call has none (any more).")
    @APIResponse(responseCode = "200", description = "The recording",
            content = @Content(mediaType = AUDIO_WAV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response recording(@PathParam("callId") String callId) {
        return serve(callId, CallRepository.RecordingNames::recording, "Recording");
    }

    @GET
    @Path("/comment-recording")
    @Produces(AUDIO_WAV)
    @Operation(operationId = "getCallCommentRecording", summary = "The spoken comment left in an agentless call's survey",
            description = "Deleted after the campaign's recording.retentionDays; 404 when the call has none (any more).")
    @APIResponse(responseCode = "200", description = "The comment",
            content = @Content(mediaType = AUDIO_WAV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response commentRecording(@PathParam("callId") String callId) {
        return serve(callId, CallRepository.RecordingNames::commentRecording, "Comment recording");
    }

    private Response serve(String callId, Function<CallRepository.RecordingNames, String> which, String what) {
        CallRepository.RecordingNames names = calls.recordings(tenant.current(), Ids.parse("Call", callId))
                .orElseThrow(() -> ApiProblem.notFound("Call", callId));
        String name = which.apply(names);
        java.nio.file.Path file = name == null ? null : store.find(name).orElse(null);
        if (file == null) {
            throw new ApiProblem(404, "not-found", "Not found", what + " of call '" + callId + "' does not exist"
                    + (name == null ? "" : " any more"), null);
        }
        return Response.ok(file.toFile(), AUDIO_WAV)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".wav\"").build();
    }
}
