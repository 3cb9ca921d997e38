package io.dialer.report;

import io.dialer.agent.Agent;
import io.dialer.agent.AgentService;
import io.dialer.agent.AgentState;
import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignService;
import io.dialer.contact.ContactQueue;
import io.dialer.dialing.DialingService;
import io.dialer.engine.result.AbandonEstimate;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

@Path("/v1/campaigns/{campaignId}/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
public class CampaignStatsResource {

    private final CampaignService campaigns;
    private final ContactQueue contacts;
    private final DialingService dialing;
    private final AgentService agents;
    private final TenantContext tenant;

    public CampaignStatsResource(CampaignService campaigns, ContactQueue contacts, DialingService dialing,
                                 AgentService agents, TenantContext tenant) {
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.dialing = dialing;
        this.agents = agents;
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "getCampaignStats", summary = "Live statistics of a campaign")
    public CampaignStats stats(@PathParam("campaignId") String campaignId) {
        String t = tenant.current();
        Campaign campaign = campaigns.get(t, campaignId);
        Map<String, Long> byState = new LinkedHashMap<>();
        contacts.countByState(t, campaign.id()).forEach((state, n) -> byState.put(state.name(), n));
        Map<String, Long> byResult = dialing.attemptsByResult(t, campaign.id());
        long attempts = byResult.values().stream().mapToLong(Long::longValue).sum();
        AbandonEstimate abandonment = dialing.abandonment(campaign);
        Map<String, Long> agentStates = new LinkedHashMap<>();
        for (AgentState s : AgentState.values()) {
            agentStates.put(s.name(), 0L);
        }
        for (Agent a : agents.forCampaign(t, campaign.id().toString())) {
            agentStates.merge(a.state().name(), 1L, Long::sum);
        }
        DialingService.LiveFigures live = dialing.live(t, campaign.id());
        Instant now = dialing.campaignNow(campaign.id());
        return new CampaignStats(campaign.id().toString(), campaign.state(), byState, byResult, attempts,
                abandonment.liveAnswers(), abandonment.rate(), campaign.settings().compliance().maxAbandonRate(), agentStates,
                live.linesInFlight(), live.linesPerAgent(), live.utilization(), contacts.dueCount(t, campaign.id(), now),
                live.capFallback(), now);
    }
}
