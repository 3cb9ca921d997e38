package io.dialer.dialing;

import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignSettings;
import io.dialer.contact.Contact;
import io.dialer.contact.ContactQueue;
import io.dialer.contact.ContactQueue.ContactPlan;
import io.dialer.contact.ContactState;
import io.dialer.contact.StoredPhone;
import io.dialer.contact.dnc.DncService;
import io.dialer.contact.numbers.NumberStatusService;
import io.dialer.engine.result.NextStep;
import io.dialer.engine.result.ResultCode;
import io.dialer.engine.schedule.Attempt;
import io.dialer.engine.schedule.CampaignScheduling;
import io.dialer.engine.schedule.Decision;
import io.dialer.engine.schedule.Plan;
import io.dialer.engine.schedule.Scheduler;
import io.dialer.platform.Ids;
import io.dialer.webhook.EventLog;
import io.dialer.webhook.EventTypes;
import io.dialer.webhook.NewEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The loop's transactions. Each one first checks, under a share lock, that the loop still holds the campaign's lease:
 * a replica that lost its lease can no longer claim or write anything.
 */
@ApplicationScoped
public class DialingStore {

    /** A contact claimed for a call now, on this number. */
    record Dial(Contact contact, AttemptRecord attempt, boolean callback) {
    }

    /** The lease was lost: the loop must stop at once. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    private final LeaseRepository leases;
    private final AttemptRepository attempts;
    private final ContactQueue queue;
    private final DncService dnc;
    private final NumberStatusService numbers;
    private final EventLog events;
    private final DialingEvents eventData;
    private final AgentActivityRepository activity;
    private final SurveyOutcomes surveys;
    private final DialingMetrics metrics;
    private final Scheduler scheduler = new Scheduler();

    DialingStore(LeaseRepository leases, AttemptRepository attempts, ContactQueue queue, DncService dnc,
                 NumberStatusService numbers, EventLog events, DialingEvents eventData, AgentActivityRepository activity,
                 SurveyOutcomes surveys, DialingMetrics metrics) {
        this.metrics = metrics;
        this.events = events;
        this.activity = activity;
        this.surveys = surveys;
        this.eventData = eventData;
        this.leases = leases;
        this.attempts = attempts;
        this.queue = queue;
        this.dnc = dnc;
        this.numbers = numbers;
    }

    /**
     * Claims up to {@code count} due contacts and checks each again against DNC, number status and limits as of
     * {@code now}: those still due get an attempt (OFFERED to {@code offerTo.get(i)} in preview, else DIALING), the
     * others get their new next dial time. A number put on DNC since it was planned gets a DNC_BLOCKED attempt and
     * never reaches the carrier.
     */
    List<Dial> claim(Lease lease, Campaign campaign, CampaignScheduling scheduling, int count, Instant now,
                     List<UUID> offerTo) {
        List<AttemptEnd> blockedEnds = new ArrayList<>();
        List<Dial> claimedDials = QuarkusTransaction.requiringNew().call(() -> {
            blockedEnds.clear();
            requireLease(lease);
            List<Contact> claimed = queue.claimDue(lease.tenant(), lease.campaignId(), now, count);
            if (claimed.isEmpty()) {
                return List.of();
            }
            Facts facts = facts(lease.tenant(), claimed);
            List<Dial> dials = new ArrayList<>();
            List<ContactPlan> plans = new ArrayList<>();
            List<NewEvent> completions = new ArrayList<>();
            List<AttemptRecord> blocked = new ArrayList<>();
            for (Contact c : claimed) {
                List<Attempt> history = facts.history(c.id());
                Integer planned = c.nextPhoneIndex();
                if (planned != null && planned < c.phones().size() && facts.dnc.contains(c.phones().get(planned).e164())) {
                    AttemptRecord block = record(lease, campaign, c, planned, "DIALING", null, false, now);
                    blocked.add(block);
                    history.add(Attempt.of(now, planned, ResultCode.DNC_BLOCKED));
                }
                Plan plan = scheduler.plan(queue.facts(c, facts.dnc, facts.nonValid, history), scheduling, now);
                if (plan.decision() instanceof Decision.DialAt d && !d.at().isAfter(now)) {
                    UUID agent = offerTo == null ? null : offerTo.get(dials.size());
                    dials.add(new Dial(c, record(lease, campaign, c, d.phoneIndex(), offerTo == null ? "DIALING" : "OFFERED",
                            agent, d.isCallback(), now), d.isCallback()));
                } else {
                    ContactPlan p = planOf(c.id(), plan, history, null, false);
                    plans.add(p);
                    if (p.state().isFinal()) {
                        completions.addAll(DialingEvents.closed(c, p, plan, campaign.settings()));
                    }
                }
            }
            attempts.insert(blocked, lease.owner(), lease.epoch());
            blockedEnds.addAll(attempts.end(blocked.stream().map(b -> new AttemptEnd(b.id(), b.contactId(),
                    ResultCode.DNC_BLOCKED, null, null, now, null, "blocked at dial time: the number is on the do-not-call list",
                    null, false)).toList()));
            attempts.insert(dials.stream().map(Dial::attempt).toList(), lease.owner(), lease.epoch());
            queue.save(lease.tenant(), plans, now);
            List<NewEvent> recorded = new ArrayList<>(eventData.attemptsCompleted(lease.tenant(),
                    blocked.stream().map(AttemptRecord::id).toList()));
            recorded.addAll(completions);
            events.recordAll(recorded);
            return dials;
        });
        metrics.attemptsEnded(lease.campaignId(), blockedEnds);
        return claimedDials;
    }

    /**
     * Ends attempts, records survey answers as business outcomes, marks numbers found invalid, and plans each
     * contact's next call (or closes it).
     */
    void finish(Lease lease, List<AttemptEnd> ended, CampaignScheduling scheduling, CampaignSettings settings, Instant now,
                Map<UUID, String> numbersById) {
        if (ended.isEmpty()) {
            return;
        }
        List<AttemptEnd> ends = ended.stream().map(e -> withOutcomeFlags(e, settings)).toList();
        List<AttemptEnd> counted = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            counted.clear();
            requireLease(lease);
            counted.addAll(attempts.end(ends));
            List<NewEvent> recorded = new ArrayList<>(eventData.attemptsCompleted(lease.tenant(),
                    ends.stream().map(AttemptEnd::id).toList()));
            for (AttemptEnd e : ends) {
                if (e.result().nextStep() == NextStep.MARK_NUMBER_INVALID && numbersById.get(e.id()) != null) {
                    numbers.set(lease.tenant(), numbersById.get(e.id()), "INVALID", "dialled: " + e.result().name());
                    recorded.add(DialingEvents.numberInvalidated(lease.tenant(), lease.campaignId(), numbersById.get(e.id()),
                            e.result().name(), null));
                }
                if (e.outcome() != null) {
                    recorded.add(outcomeRecorded(lease, e));
                }
                if (e.survey() != null && e.survey().answer() != null) {
                    recorded.addAll(surveys.surveyAnswered(lease.tenant(), e.id(), e.survey().answer(),
                            e.commentRecording() == null ? null : CallView.commentRecordingPath(e.id().toString())));
                }
            }
            recorded.addAll(replan(lease, ends.stream().map(AttemptEnd::contactId).toList(), scheduling, settings, now,
                    lastResults(ends), callbackAttempts(ends)));
            events.recordAll(recorded);
        });
        metrics.attemptsEnded(lease.campaignId(), counted);
    }

    /** A simulated agent's outcome takes the flags of the campaign's definition of its code. */
    private static AttemptEnd withOutcomeFlags(AttemptEnd e, CampaignSettings settings) {
        if (e.outcome() == null || settings.outcomes() == null) {
            return e;
        }
        for (CampaignSettings.OutcomeDefinition d : settings.outcomes()) {
            if (d.code().equals(e.outcome())) {
                return e.withOutcome(Boolean.TRUE.equals(d.isFinal()), d.category());
            }
        }
        return e;
    }

    private static NewEvent outcomeRecorded(Lease lease, AttemptEnd e) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("attemptId", e.id().toString());
        data.put("campaignId", lease.campaignId().toString());
        data.put("contactId", e.contactId().toString());
        data.put("code", e.outcome());
        data.put("category", e.outcomeCategory());
        data.put("final", e.outcomeFinal());
        data.put("source", "SIMULATED_AGENT");
        data.put("agentId", e.agentId() == null ? null : e.agentId().toString());
        return new NewEvent(lease.tenant(), EventTypes.OUTCOME_RECORDED, lease.campaignId(), data);
    }

    /** Plans contacts that were added or changed, or all of them after a settings change. Returns how many. */
    int planUnplanned(Lease lease, CampaignScheduling scheduling, CampaignSettings settings, Instant now, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            requireLease(lease);
            List<Contact> contacts = queue.unplanned(lease.tenant(), lease.campaignId(), limit);
            if (contacts.isEmpty()) {
                return 0;
            }
            Facts facts = facts(lease.tenant(), contacts);
            List<ContactPlan> plans = new ArrayList<>();
            List<NewEvent> completions = new ArrayList<>();
            for (Contact c : contacts) {
                List<Attempt> history = facts.history(c.id());
                Plan plan = scheduler.plan(queue.facts(c, facts.dnc, facts.nonValid, history), scheduling, now);
                ContactPlan p = planOf(c.id(), plan, history, null, false);
                plans.add(p);
                if (p.state().isFinal()) {
                    completions.addAll(DialingEvents.closed(c, p, plan, settings));
                }
            }
            queue.save(lease.tenant(), plans, now);
            events.recordAll(completions);
            return contacts.size();
        });
    }

    void recordActivity(Lease lease, List<AgentActivity.Row> rows) {
        QuarkusTransaction.requiringNew().run(() -> {
            requireLease(lease);
            activity.add(lease, rows);
        });
    }

    void markUnplanned(Lease lease) {
        QuarkusTransaction.requiringNew().run(() -> {
            requireLease(lease);
            queue.markUnplanned(lease.tenant(), lease.campaignId());
        });
    }

    /**
     * A new owner's first step: attempts left open by a loop that stopped are ended (their fate is unknown, so as a
     * network error), their contacts planned again, and no contact stays DIALING. Returns the reconciled attempts.
     */
    List<AttemptRepository.OpenAttempt> reconcile(Lease lease, CampaignScheduling scheduling, CampaignSettings settings,
                                                  Instant now) {
        List<AttemptEnd> reconciled = new ArrayList<>();
        List<AttemptRepository.OpenAttempt> result = QuarkusTransaction.requiringNew().call(() -> {
            reconciled.clear();
            requireLease(lease);
            List<AttemptRepository.OpenAttempt> open = attempts.open(lease.tenant(), lease.campaignId());
            List<AttemptEnd> ends = open.stream().map(o -> new AttemptEnd(o.id(), o.contactId(),
                    "OFFERED".equals(o.state()) ? ResultCode.CANCELLED : ResultCode.NETWORK_ERROR, null, null, now, null,
                    "reconciled: the loop that placed it (" + o.owner() + ") stopped", null, false)).toList();
            reconciled.addAll(attempts.end(ends));
            List<NewEvent> recorded = new ArrayList<>(eventData.attemptsCompleted(lease.tenant(),
                    ends.stream().map(AttemptEnd::id).toList()));
            recorded.addAll(replan(lease, ends.stream().map(AttemptEnd::contactId).toList(), scheduling, settings, now,
                    lastResults(ends), Set.of()));
            queue.releaseDialing(lease.tenant(), lease.campaignId(), Set.of());
            events.recordAll(recorded);
            return open;
        });
        metrics.attemptsEnded(lease.campaignId(), reconciled);
        return result;
    }

    void markDialing(Lease lease, UUID attemptId) {
        QuarkusTransaction.requiringNew().run(() -> {
            requireLease(lease);
            attempts.markDialing(attemptId);
        });
    }

    /** Plans the contacts again after their attempts ended; returns contact.completed events for those now closed. */
    private List<NewEvent> replan(Lease lease, List<UUID> contactIds, CampaignScheduling scheduling,
                                  CampaignSettings settings, Instant now,
                                  Map<UUID, ResultCode> lastResults, Set<UUID> callbackDone) {
        List<NewEvent> completed = new ArrayList<>();
        List<Contact> contacts = queue.byIds(lease.tenant(), lease.campaignId(), new ArrayList<>(new LinkedHashSet<>(contactIds)));
        Facts facts = facts(lease.tenant(), contacts);
        List<ContactPlan> plans = new ArrayList<>();
        for (Contact c : contacts) {
            if (c.state() != ContactState.DIALING && c.state() != ContactState.PENDING) {
                continue;
            }
            List<Attempt> history = facts.history(c.id());
            boolean clearCallback = callbackDone.contains(c.id());
            Contact effective = clearCallback ? withoutCallback(c) : c;
            Plan plan = scheduler.plan(queue.facts(effective, facts.dnc, facts.nonValid, history), scheduling, now);
            ResultCode last = lastResults.get(c.id());
            ContactPlan p = planOf(c.id(), plan, history, last == null ? null : last.name(), clearCallback);
            plans.add(p);
            if (p.state().isFinal()) {
                completed.addAll(DialingEvents.closed(c, p, plan, settings));
            }
        }
        queue.save(lease.tenant(), plans, now);
        return completed;
    }

    private static Contact withoutCallback(Contact c) {
        return new Contact(c.id(), c.tenant(), c.campaignId(), c.externalId(), c.firstName(), c.lastName(), c.timezone(),
                c.priority(), c.dialAfter(), c.expiresAt(), c.attributesJson(), c.windowsJson(), c.phones(), c.state(),
                c.attemptCount(), c.lastResult(), c.nextDialAt(), c.createdAt(), c.updatedAt(), c.nextPhoneIndex(), null);
    }

    private static ContactPlan planOf(UUID id, Plan plan, List<Attempt> history, String lastResult, boolean clearCallback) {
        int count = attemptCount(history);
        if (plan.decision() instanceof Decision.DialAt d) {
            return new ContactPlan(id, ContactState.PENDING, d.at(), d.phoneIndex(), count, lastResult, clearCallback);
        }
        Decision.Never never = (Decision.Never) plan.decision();
        return new ContactPlan(id, ContactState.valueOf(never.contactState()), null, null, count, lastResult, clearCallback);
    }

    private static int attemptCount(List<Attempt> history) {
        int n = 0;
        for (Attempt a : history) {
            if (a.result().countsAsAttempt()) {
                n++;
            }
        }
        return n;
    }

    private static Map<UUID, ResultCode> lastResults(List<AttemptEnd> ends) {
        Map<UUID, ResultCode> out = new HashMap<>();
        ends.forEach(e -> out.put(e.contactId(), e.result()));
        return out;
    }

    private static Set<UUID> callbackAttempts(List<AttemptEnd> ends) {
        Set<UUID> out = new HashSet<>();
        ends.forEach(e -> {
            if (e.callback()) {
                out.add(e.contactId());
            }
        });
        return out;
    }

    private AttemptRecord record(Lease lease, Campaign campaign, Contact c, int phoneIndex, String state, UUID agent,
                                 boolean callback, Instant now) {
        StoredPhone phone = c.phones().get(phoneIndex);
        CampaignSettings.Dialing dialing = campaign.settings().dialing();
        return new AttemptRecord(Ids.newId(), lease.tenant(), lease.campaignId(), c.id(), phoneIndex, phone.e164(),
                campaign.settings().mode(), state, agent, callback, TrunkRules.trunkFor(dialing.trunkRules(), phone),
                dialing.callerId(), now);
    }

    private Facts facts(String tenant, List<Contact> contacts) {
        Set<String> e164s = new LinkedHashSet<>();
        contacts.forEach(c -> c.phones().forEach(p -> e164s.add(p.e164())));
        return new Facts(dnc.blocked(tenant, e164s), numbers.nonValid(tenant, e164s),
                attempts.history(tenant, contacts.stream().map(Contact::id).toList()));
    }

    private void requireLease(Lease lease) {
        if (!leases.holds(lease)) {
            throw new LeaseLost();
        }
    }

    private record Facts(Set<String> dnc, Map<String, String> nonValid, Map<UUID, List<Attempt>> attempts) {
        List<Attempt> history(UUID contactId) {
            return new ArrayList<>(attempts.getOrDefault(contactId, List.of()));
        }
    }
}
