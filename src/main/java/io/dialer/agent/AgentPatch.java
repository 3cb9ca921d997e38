package io.dialer.agent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Documents the body of PATCH /v1/agents/{id} (a JSON merge patch); the service reads the raw object. */
@Schema(description = "JSON merge patch of an agent: the fields present replace the stored ones; campaignIds null removes every assignment")
public record AgentPatch(
        @Schema(minLength = 1, maxLength = 200)
        String name,
        @Schema(description = "The complete new list of assigned campaigns", nullable = true)
        List<String> campaignIds,
        @Schema(description = "The agent's phone as a SIP URI; null removes it", nullable = true, maxLength = 200)
        String phoneUri) {
}
