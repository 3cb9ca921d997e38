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

    private final io.dialer.contact.dnc.DncService dnc;
    private final io.dialer.contact.numbers.NumberStatusService numbers;
    private final io.dialer.engine.schedule.Scheduler scheduler = new io.dialer.engine.schedule.Scheduler();

    DialingService(AttemptRepository attempts, LeaseRepository leases, ContactQueue queue, ObjectMapper mapper,
                   io.dialer.contact.dnc.DncService dnc, io.dialer.contact.numbers.NumberStatusService numbers) {
        this.dnc = dnc;
        this.numbers = numbers;
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
        AbandonDefinition definition = abandonDefinition(campaign);
        Instant now = campaignNow(campaign.id());
        return definition.estimate(attempts.ledgerCounts(campaign.tenant(), campaign.id(), now.minus(definition.window()),
                now.plusSeconds(1)));
    }

    /** How the campaign's abandon rate is defined (US or UK rules, its cap, the AMD false-positive estimate). */
    public static AbandonDefinition abandonDefinition(Campaign campaign) {
        CampaignSettings.Compliance c = campaign.settings().compliance();
        boolean amd = campaign.settings().dialing().amd() != null && Boolean.TRUE.equals(campaign.settings().dialing().amd().enabled());
        double falsePositive = amd ? SimulationProfile.of(campaign.settings().simulation()).scenario().amd().falsePositive() : 0;
        return AbandonDefinition.fromAbandonWindow(c.abandonWindow(), c.maxAbandonRate(), falsePositive);
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

    /** Stores a business outcome on an attempt, once; runs in the caller's transaction. */
    public boolean saveOutcome(String tenant, UUID attemptId, String code, String category, boolean isFinal, String notes,
                               Instant callbackAt, String dataJson) {
        return attempts.saveOutcome(tenant, attemptId, code, category, isFinal, notes, callbackAt, dataJson, Instant.now());
    }

    /**
     * Plans a contact again outside the loop (after a business outcome), in the caller's transaction; returns the
     * contact.completed event when the contact is now closed. A contact being dialled is left to the loop.
     */
    public java.util.List<io.dialer.webhook.NewEvent> replanContact(Campaign campaign, UUID contactId) {
        String tenant = campaign.tenant();
        java.util.List<io.dialer.contact.Contact> found = queue.byIds(tenant, campaign.id(), java.util.List.of(contactId));
        if (found.isEmpty() || found.get(0).state() == io.dialer.contact.ContactState.DIALING
                || found.get(0).state() == io.dialer.contact.ContactState.CANCELLED) {
            return java.util.List.of();
        }
        io.dialer.contact.Contact c = found.get(0);
        java.util.Set<String> e164s = new java.util.LinkedHashSet<>();
        c.phones().forEach(p -> e164s.add(p.e164()));
        java.util.List<io.dialer.engine.schedule.Attempt> history = new java.util.ArrayList<>(
                attempts.history(tenant, java.util.List.of(contactId)).getOrDefault(contactId, java.util.List.of()));
        Instant now = campaignNow(campaign.id());
        io.dialer.engine.schedule.Plan plan = scheduler.plan(queue.facts(c, dnc.blocked(tenant, e164s),
                numbers.nonValid(tenant, e164s), history), io.dialer.contact.ContactScheduling.campaign(campaign.settings()), now);
        int counted = (int) history.stream().filter(a -> a.result().countsAsAttempt()).count();
        ContactQueue.ContactPlan p = plan.decision() instanceof io.dialer.engine.schedule.Decision.DialAt d
                ? new ContactQueue.ContactPlan(contactId, io.dialer.contact.ContactState.PENDING, d.at(), d.phoneIndex(), counted, null, false)
                : new ContactQueue.ContactPlan(contactId, io.dialer.contact.ContactState.valueOf(
                        ((io.dialer.engine.schedule.Decision.Never) plan.decision()).contactState()), null, null, counted, null, false);
        queue.saveOutsideLoop(tenant, p, now);
        return p.state().isFinal() && !c.state().isFinal()
                ? DialingEvents.closed(c, p, plan, campaign.settings()) : java.util.List.of();
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
