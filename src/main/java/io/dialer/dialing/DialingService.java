package io.dialer.dialing;

import io.dialer.campaign.SimulationProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignSettings;
import io.dialer.contact.ContactQueue;
import io.dialer.contact.PendingCallback;
import io.dialer.engine.result.AbandonDefinition;
import io.dialer.engine.result.AbandonEstimate;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What other features ask of dialing: figures of a campaign's calls, preview decisions, callbacks. */
@ApplicationScoped
public class DialingService {

    /** What the owning loop published about its lines and agents. */
    public record LiveFigures(long linesInFlight, double linesPerAgent, double utilization, boolean capFallback) {
        static final LiveFigures IDLE = new LiveFigures(0, 0, 0, false);
    }

    private final AttemptRepository attempts;
    private final LeaseRepository leases;
    private final ContactQueue queue;
    private final ObjectMapper mapper;

    DialingService(AttemptRepository attempts, LeaseRepository leases, ContactQueue queue, ObjectMapper mapper) {
        this.attempts = attempts;
        this.leases = leases;
        this.queue = queue;
        this.mapper = mapper;
    }

    public Map<String, Long> attemptsByResult(String tenant, UUID campaignId) {
        return attempts.countByResult(tenant, campaignId);
    }

    public Instant campaignNow(UUID campaignId) {
        return leases.clockOf(campaignId).instant();
    }

    /** Live answers and abandons under the campaign's definition, over its window ending now (campaign clock). */
    public AbandonEstimate abandonment(Campaign campaign) {
        CampaignSettings.Compliance c = campaign.settings().compliance();
        boolean amd = campaign.settings().dialing().amd() != null && Boolean.TRUE.equals(campaign.settings().dialing().amd().enabled());
        double falsePositive = amd ? SimulationProfile.of(campaign.settings().simulation()).scenario().amd().falsePositive() : 0;
        AbandonDefinition definition = AbandonDefinition.fromAbandonWindow(c.abandonWindow(), c.maxAbandonRate(), falsePositive);
        Instant now = campaignNow(campaign.id());
        return definition.estimate(attempts.ledgerCounts(campaign.tenant(), campaign.id(), now.minus(definition.window()),
                now.plusSeconds(1)));
    }

    public LiveFigures live(String tenant, UUID campaignId) {
        Optional<String> json = leases.live(tenant, campaignId);
        if (json.isEmpty() || json.get() == null) {
            return LiveFigures.IDLE;
        }
        JsonNode n = io.dialer.platform.Json.read(mapper, json.get(), JsonNode.class);
        return new LiveFigures(n.path("linesInFlight").asLong(), n.path("linesPerAgent").asDouble(),
                n.path("utilization").asDouble(), n.path("capFallback").asBoolean());
    }

    /** An agent accepts, skips or closes the contact offered in preview. */
    @Transactional
    public void decidePreview(String tenant, String agentId, String offerId, String action) {
        UUID offer = Ids.parse("Offer", offerId);
        if (!attempts.exists(tenant, offer)) {
            throw ApiProblem.notFound("Offer", offerId);
        }
        if (!attempts.decide(tenant, offer, Ids.parse("Agent", agentId), action)) {
            throw ApiProblem.conflict("offer-not-open", "The offer " + offerId + " is not open for agent " + agentId
                    + ": it was answered, timed out, or belongs to another agent");
        }
    }

    @Transactional
    public void scheduleCallback(String tenant, UUID contactId, PendingCallback callback) {
        queue.scheduleCallback(tenant, contactId, callback);
    }
}
