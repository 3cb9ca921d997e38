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
        Boolean simulated,
        @Schema(description = "The agent's phone as a SIP URI (sip: or sips:); with the Asterisk carrier the dialer calls it "
                + "when the agent logs in and keeps that line open for the whole shift, so customers join at once",
                maxLength = 200, example = "sip:agent7@10.0.0.5:5060")
        String phoneUri) {
}
