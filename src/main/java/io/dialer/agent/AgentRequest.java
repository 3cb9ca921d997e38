package io.dialer.agent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Body of POST /v1/agents. */
public record AgentRequest(
        @Schema(required = true, minLength = 1, maxLength = 200)
        String name,
        @Schema(description = "Campaigns of the tenant whose calls the agent takes")
        List<String> campaignIds,
        @Schema(description = "Simulated agents start READY and are driven by the service", defaultValue = "false")
        Boolean simulated) {
}
