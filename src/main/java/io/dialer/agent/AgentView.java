package io.dialer.agent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** An agent as the API returns it. */
@Schema(name = "Agent")
public record AgentView(
        String id,
        String name,
        @Schema(description = "A simulated agent is driven by the service (it starts READY and takes calls by itself)")
        boolean simulated,
        @Schema(description = "The campaigns whose calls the agent takes")
        List<String> campaignIds,
        AgentState state,
        @Schema(description = "Why the agent is in its state (the pause reason)", nullable = true)
        String stateReason,
        Instant stateSince,
        @Schema(description = "The call attempt the agent is reserved for, talking on or wrapping up", nullable = true)
        String currentCallId,
        @Schema(description = "The campaign of that call", nullable = true)
        String currentCampaignId,
        Instant createdAt,
        @Schema(description = "The agent's phone as a SIP URI; the dialer keeps a line to it open while the agent is logged in",
                nullable = true, example = "sip:agent7@10.0.0.5:5060")
        String phoneUri) {
}
