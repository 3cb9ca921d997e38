package io.dialer.dialing;

import io.dialer.campaign.SimulationProfile;
import io.dialer.agent.Agent;
import io.dialer.agent.AgentState;
import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignSettings;
import io.dialer.campaign.CampaignState;
import io.dialer.contact.ContactScheduling;
import io.dialer.engine.pacing.Pacer;
import io.dialer.engine.pacing.PacerConfig;
import io.dialer.engine.pacing.Pacers;
import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.pacing.PacingDecision;
import io.dialer.engine.pacing.PacingObservation;
import io.dialer.engine.pacing.PacingSnapshot;
import io.dialer.engine.result.AbandonDefinition;
import io.dialer.engine.result.AbandonmentLedger;
import io.dialer.engine.result.LedgerEntry;
import io.dialer.engine.result.ResultCode;
import io.dialer.engine.schedule.CampaignScheduling;
import io.dialer.telephony.AnswerKind;
import io.dialer.telephony.CallEvent;
import io.dialer.telephony.CallRequest;
import io.dialer.telephony.IvrScript;
import io.dialer.telephony.RecordingStore;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One campaign's loop on the replica holding its lease. A single thread owns all of its state: carrier events are
 * queued and handled between ticks. Each tick: settings and agents are refreshed, carrier events and timeouts move
 * calls and agents, ended calls are written with their contacts' next dial times, new contacts are planned, and the
 * pacer decides how many contacts to claim and dial.
 */
final class CampaignRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(CampaignRunner.class);
    private static final int MAX_CLAIM_PER_TICK = 500;
    private static final int PLAN_BATCH = 2000;

    private final DialingRuntime rt;
    private final Lease lease;
    private final String campaignIdText;
    private final LinkedBlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
    private final Map<UUID, LiveCall> calls = new LinkedHashMap<>();
    private final Map<UUID, Seat> seats = new LinkedHashMap<>();
    private final AgentLines agentLines;
    private final AgentActivity activity = new AgentActivity();
    private long nextActivityFlushNanos;
    private final List<AttemptEnd> ended = new ArrayList<>();
    private final Map<UUID, String> endedNumbers = new HashMap<>();
    private final SplittableRandom random;
    private final Instant startedAt;

    private final java.util.function.Consumer<CampaignRunner> onEnd;
    /** An event taken while waiting for work; handled before the queue. */
    private CallEvent early;
    private volatile boolean stopRequested;
    private Campaign campaign;
    private CampaignSettings settings;
    private CampaignScheduling scheduling;
    private SimulationProfile profile;
    private Pacer pacer;
    private final Pacer fallback = Pacers.create(PacingAlgorithm.PROGRESSIVE, PacerConfig.defaults());
    private AbandonmentLedger ledger;
    private boolean capFallback;
    private boolean planningDone;
    private long nextRefreshNanos;
    private long nextRenewNanos;
    private long nextAgentRefreshNanos;
    private long nextCompletionCheckNanos;
    private long nextPlanCheckNanos;
    private final LoopFigures figures = new LoopFigures();
    private Instant lastTick;
    private int lastDecision;
    /** Real time spent in the loop's database transactions, and the attempts placed, for the benchmark. */
    private long dbNanos;
    private long placedTotal;
    private DialingMetrics.CampaignMeters meters;

    CampaignRunner(DialingRuntime runtime, Lease lease, Campaign campaign, java.util.function.Consumer<CampaignRunner> onEnd) {
        this.rt = runtime;
        this.onEnd = onEnd;
        this.lease = lease;
        this.campaignIdText = lease.campaignId().toString();
        this.agentLines = new AgentLines(runtime.carrier(), campaignIdText);
        this.campaign = campaign;
        this.startedAt = lease.clock().instant();
        applySettings(campaign);
        this.random = new SplittableRandom(profile.scenario().seed() ^ lease.campaignId().getLeastSignificantBits());
        this.ledger = AbandonmentLedger.fromCounts(definition(), rt.attempts().ledgerCounts(lease.tenant(), lease.campaignId(),
                startedAt.minus(definition().window()), startedAt.plusNanos(1)));
    }

    UUID campaignId() {
        return lease.campaignId();
    }

    void requestStop() {
        stopRequested = true;
        events.add(new CallEvent.Ringing("wake-up", Instant.EPOCH));
    }

    @Override
    public void run() {
        Thread.currentThread().setName("campaign-" + campaignIdText.substring(0, 8));
        meters = rt.metrics().open(lease.campaignId());
        try {
            rt.store().reconcile(lease, scheduling, settings, now());
            loop();
        } catch (DialingStore.LeaseLost lost) {
            LOG.warnf("Campaign %s: lease lost, hanging up %d calls", campaignIdText, calls.size());
            calls.keySet().forEach(id -> rt.carrier().hangup(id.toString()));
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Campaign %s: loop failed; another tick of the supervisor will take it again", campaignIdText);
            calls.keySet().forEach(id -> rt.carrier().hangup(id.toString()));
            safeRelease();
        } finally {
            agentLines.closeAll();
            rt.metrics().close(meters);
            onEnd.accept(this);
        }
    }

    private void loop() throws DialingStore.LeaseLost {
        lastTick = now();
        while (true) {
            long t = System.nanoTime();
            if (t >= nextRenewNanos) {
                DialingMetrics.LiveFigures live = liveFigures(now());
                meters.update(live);
                if (!rt.leases().renew(lease, rt.config().leaseSeconds(), liveJson(live))) {
                    throw new DialingStore.LeaseLost();
                }
                nextRenewNanos = t + TimeUnit.MILLISECONDS.toNanos(1000);
            }
            if (t >= nextRefreshNanos) {
                refreshCampaign();
                nextRefreshNanos = t + TimeUnit.MILLISECONDS.toNanos(500);
            }
            if (t >= nextAgentRefreshNanos && usesAgents()) {
                refreshAgents();
                nextAgentRefreshNanos = t + TimeUnit.MILLISECONDS.toNanos(250);
            }
            boolean busy = tick();
            if (t >= nextActivityFlushNanos) {
                flushActivity();
                nextActivityFlushNanos = t + TimeUnit.SECONDS.toNanos(5);
            }
            if (stopRequested || campaign == null || campaign.state() != CampaignState.RUNNING) {
                if (stopRequested || campaign == null || campaign.state() != CampaignState.PAUSED) {
                    cancelUnanswered();
                }
                if (calls.isEmpty()) {
                    flushEnded();
                    flushActivity();
                    safeRelease();
                    LOG.infof("Loop of campaign %s ended (%s): attemptsPlaced=%d dbMillis=%d", campaignIdText,
                            campaign == null ? "deleted" : campaign.state(), placedTotal, dbNanos / 1_000_000);
                    return;
                }
            }
            if (!busy) {
                try {
                    early = events.poll(rt.config().tickMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                }
            }
        }
    }

    /** One pass; true when it did work, so the next one follows at once. */
    private boolean tick() {
        int handled = drainEvents();
        // after the events, so that nothing placed in this pass predates an end just handled
        Instant now = now();
        accountUtilization(now);
        handleTimeouts(now);
        connectWaitingCalls(now);
        driveSimulatedAgents(now);
        handlePreviewDecisions(now);
        boolean wrote = !ended.isEmpty();
        flushEnded();
        int planned = planContacts(now);
        int placed = 0;
        if (!stopRequested && campaign != null && campaign.state() == CampaignState.RUNNING) {
            placed = dial(now());
            checkCompletion(placed, planned);
        }
        return handled > 0 || wrote || planned > 0 || placed > 0;
    }

    // ---------------------------------------------------------------- settings and agents

    private void refreshCampaign() {
        Campaign fresh = rt.campaigns().find(lease.tenant(), lease.campaignId()).orElse(null);
        if (fresh == null) {
            campaign = null;
            return;
        }
        CampaignSettings old = settings;
        campaign = fresh;
        if (!sameScheduling(old, fresh.settings())) {
            applySettings(fresh);
            rt.store().markUnplanned(lease);
            planningDone = false;
            LOG.infof("Campaign %s: settings changed, next dial times are being recomputed", campaignIdText);
        } else {
            settings = fresh.settings();
        }
    }

    private static boolean sameScheduling(CampaignSettings a, CampaignSettings b) {
        return a != null && Objects.equals(a.schedule(), b.schedule()) && Objects.equals(a.dialing(), b.dialing())
                && Objects.equals(a.retries(), b.retries()) && Objects.equals(a.compliance(), b.compliance());
    }

    private void applySettings(Campaign c) {
        settings = c.settings();
        scheduling = ContactScheduling.campaign(settings);
        if (profile == null) {
            profile = SimulationProfile.of(settings.simulation());
        }
        if (pacer == null) {
            pacer = Pacers.create("PREDICTIVE".equals(settings.mode()) ? PacingAlgorithm.PREDICTIVE : PacingAlgorithm.PROGRESSIVE,
                    PacerConfig.defaults());
        }
        if (ledger != null) {
            AbandonmentLedger fresh = AbandonmentLedger.fromCounts(definition(), ledger.countsAt(now()));
            ledger = fresh;
        }
    }

    private AbandonDefinition definition() {
        CampaignSettings.Compliance c = settings.compliance();
        boolean amd = settings.dialing().amd() != null && Boolean.TRUE.equals(settings.dialing().amd().enabled());
        return AbandonDefinition.fromAbandonWindow(c.abandonWindow(), c.maxAbandonRate(),
                amd ? profile.scenario().amd().falsePositive() : 0);
    }

    private boolean usesAgents() {
        return !"AGENTLESS".equals(settings.mode());
    }

    private void refreshAgents() {
        Instant now = now();
        Map<UUID, Agent> current = new HashMap<>();
        for (Agent a : rt.agents().forCampaign(lease.tenant(), campaignIdText)) {
            current.put(UUID.fromString(a.id()), a);
        }
        seats.values().removeIf(s -> !current.containsKey(s.agentId) && s.call == null);
        agentLines.keepUp(current);
        for (Agent a : current.values()) {
            UUID id = UUID.fromString(a.id());
            Seat seat = seats.get(id);
            boolean elsewhere = a.campaignId() != null && !campaignIdText.equals(a.campaignId())
                    && (a.state() == AgentState.RESERVED || a.state() == AgentState.ON_CALL || a.state() == AgentState.WRAP_UP);
            if (seat == null) {
                seat = new Seat(id, seats.size(), a.simulated(), a.state(), now);
                seats.put(id, seat);
                if (!elsewhere && campaignIdText.equals(a.campaignId()) && a.state() != AgentState.READY
                        && a.state() != AgentState.PAUSED) {
                    // left busy by a loop that died: its calls were reconciled
                    rt.agents().move(lease.tenant(), a.id(), a.state(), AgentState.READY, null, null);
                    seat.state = AgentState.READY;
                }
            }
            seat.away = elsewhere;
            boolean dialerOwned = seat.state == AgentState.RESERVED || seat.state == AgentState.ON_CALL;
            if (!elsewhere && !dialerOwned && seat.state != a.state()) {
                seat.state = a.state();
                seat.since = now;
                if (a.state() != AgentState.WRAP_UP) {
                    seat.wrapUntil = null;
                }
            }
        }
    }

    private boolean move(Seat seat, AgentState to, LiveCall call) {
        boolean moved = rt.agents().move(lease.tenant(), seat.agentId.toString(), seat.state, to,
                call == null ? null : call.callId(), call == null ? null : campaignIdText);
        if (moved) {
            seat.state = to;
            seat.since = now();
        }
        return moved;
    }

    private void publish(Seat seat, String type, Map<String, Object> data) {
        rt.agents().publish(lease.tenant(), seat.agentId.toString(), type, data);
    }

    // ---------------------------------------------------------------- carrier events

    private int drainEvents() {
        int n = 0;
        CallEvent e = early;
        early = null;
        if (e == null) {
            e = events.poll();
        }
        for (; e != null; e = events.poll()) {
            if ("wake-up".equals(e.callId())) {
                continue;
            }
            LiveCall call = calls.get(UUID.fromString(e.callId()));
            if (call != null) {
                on(call, e);
                n++;
            }
        }
        return n;
    }

    private void on(LiveCall call, CallEvent e) {
        if (e instanceof CallEvent.Answered a) {
            answered(call, a);
        } else if (e instanceof CallEvent.SurveyAnswered s) {
            call.surveyReported = true;
            call.surveyAnswer = s.answer();
            call.commentRecording = RecordingStore.normalize(s.commentRecording()).orElse(null);
        } else if (e instanceof CallEvent.Ended end) {
            ended(call, end);
        }
    }

    private void answered(LiveCall call, CallEvent.Answered a) {
        call.answeredAt = a.at();
        call.answerKind = a.kind();
        double afterDial = seconds(call.placedAt, a.at());
        if (!usesAgents()) {
            call.phase = LiveCall.Phase.HANDLED_BY_DIALER;
            runAgentless(call, a.kind());
            return;
        }
        switch (a.kind()) {
            case MACHINE -> {
                call.phase = LiveCall.Phase.HANDLED_BY_DIALER;
                pacer.observe(new PacingObservation.CallFailed(clockSeconds(a.at()), afterDial));
                applyMachineAction(call);
                releaseReserved(call);
            }
            case FAX, SILENCE -> {
                call.phase = LiveCall.Phase.HANDLED_BY_DIALER;
                pacer.observe(new PacingObservation.CallFailed(clockSeconds(a.at()), afterDial));
                rt.carrier().hangup(call.callId());
                releaseReserved(call);
            }
            default -> {
                call.phase = LiveCall.Phase.WAITING;
                call.waitingSince = a.at();
                pacer.observe(new PacingObservation.CallReachedQueue(clockSeconds(a.at()), afterDial));
                connect(call, a.at());
            }
        }
    }

    /**
     * Agentless: a machine gets the campaign's machine action, a fax or silence is hung up, and anyone else hears the
     * contact's greeting and, when the campaign has one, the survey.
     */
    private void runAgentless(LiveCall call, AnswerKind kind) {
        if (kind == AnswerKind.MACHINE) {
            applyMachineAction(call);
            return;
        }
        if (kind == AnswerKind.FAX || kind == AnswerKind.SILENCE) {
            rt.carrier().hangup(call.callId());
            return;
        }
        IvrScript script = IvrScripts.forContact(settings.ivr(), call.contact, call.number);
        if (script.survey() == null) {
            call.messageLeft = true; // a greeting-only call delivers its message
        } else {
            call.survey = true;
        }
        rt.carrier().runIvr(call.callId(), script);
    }

    /** The campaign's answering-machine action: leave its message, or hang up. */
    private void applyMachineAction(LiveCall call) {
        CampaignSettings.Amd amd = settings.dialing().amd();
        if ("LEAVE_MESSAGE".equals(amd.machineAction())) {
            call.messageLeft = true;
            rt.carrier().playMessage(call.callId(), amd.message());
        } else {
            rt.carrier().hangup(call.callId());
        }
    }

    /** Puts an answered person through to the reserved agent, the callback's owner, or the longest-idle ready agent. */
    private void connect(LiveCall call, Instant now) {
        Seat seat = call.agentId == null ? null : seats.get(call.agentId);
        if (seat != null && seat.call == call && seat.state == AgentState.RESERVED) {
            if (!move(seat, AgentState.ON_CALL, call)) {
                seat.call = null;
                seat = null;
                call.agentId = null;
            }
        } else {
            seat = null;
        }
        if (seat == null) {
            seat = seats.values().stream().filter(Seat::isFree).min(Comparator.comparing(s -> s.since)).orElse(null);
            if (seat == null || !move(seat, AgentState.ON_CALL, call)) {
                return; // keeps waiting; the connect timeout abandons it
            }
            seat.call = call;
            call.agentId = seat.agentId;
        }
        call.phase = LiveCall.Phase.TALKING;
        call.connectedAt = now;
        rt.carrier().bridge(call.callId(), seat.agentId.toString());
        pacer.observe(new PacingObservation.CallConnected(clockSeconds(now), seconds(call.waitingSince, now)));
        publish(seat, "connected", screenPop(call));
    }

    private void connectWaitingCalls(Instant now) {
        if (!usesAgents()) {
            return;
        }
        for (LiveCall call : new ArrayList<>(calls.values())) {
            if (call.phase == LiveCall.Phase.WAITING) {
                connect(call, now);
            }
        }
    }

    private void ended(LiveCall call, CallEvent.Ended end) {
        calls.remove(call.attemptId);
        ResultCode result = CallResolver.resolve(call, end, !usesAgents());
        Instant at = end.at();
        if (call.answeredAt == null) {
            pacer.observe(new PacingObservation.CallFailed(clockSeconds(at), seconds(call.placedAt, at)));
        } else if (call.phase == LiveCall.Phase.WAITING || call.phase == LiveCall.Phase.ABANDONING) {
            pacer.observe(new PacingObservation.CallAbandoned(clockSeconds(at), seconds(call.waitingSince, at)));
        }
        ledger.record(LedgerEntry.of(call.placedAt, result));
        Seat seat = call.agentId == null ? null : seats.get(call.agentId);
        String outcome = null;
        if (seat != null && seat.call == call) {
            seat.call = null;
            if (call.connectedAt != null) {
                double talk = seconds(call.connectedAt, at);
                boolean wrap = result == ResultCode.CONNECTED;
                pacer.observe(new PacingObservation.TalkEnded(clockSeconds(at), talk, wrap));
                publish(seat, "ended", Map.of("callId", call.callId(), "result", result.name(), "talkSeconds", Math.round(talk)));
                if (wrap && move(seat, AgentState.WRAP_UP, null)) {
                    seat.wrapUntil = seat.simulated ? at.plusMillis((long) (wrapSeconds() * 1000))
                            : at.plusSeconds(settings.dialing().wrapUpTimeoutSeconds());
                    publish(seat, "wrapup", Map.of("callId", call.callId(), "until", seat.wrapUntil.toString()));
                    outcome = seat.simulated ? simulatedOutcome() : null;
                } else {
                    move(seat, AgentState.READY, null);
                }
            } else if (seat.state == AgentState.RESERVED) {
                move(seat, AgentState.READY, null);
            }
        }
        String recording = call.recorded && call.connectedAt != null
                && rt.recordings().find(RecordingStore.callRecording(call.callId())).isPresent()
                ? RecordingStore.callRecording(call.callId()) : null;
        AttemptEnd.Survey survey = call.surveyReported ? new AttemptEnd.Survey(call.surveyAnswer, call.commentRecording) : null;
        ended.add(new AttemptEnd(call.attemptId, call.contactId, result, call.answeredAt, call.connectedAt, at,
                call.agentId, end.cause(), outcome, call.callback).withRecordings(recording, survey));
        endedNumbers.put(call.attemptId, call.number);
    }

    private void releaseReserved(LiveCall call) {
        Seat seat = call.agentId == null ? null : seats.get(call.agentId);
        if (seat != null && seat.call == call && seat.state == AgentState.RESERVED) {
            seat.call = null;
            move(seat, AgentState.READY, null);
        }
    }

    // ---------------------------------------------------------------- timeouts and simulated agents

    private void handleTimeouts(Instant now) {
        Duration connectLimit = Duration.ofSeconds(settings.compliance().connectTimeoutSeconds());
        for (LiveCall call : new ArrayList<>(calls.values())) {
            if (call.phase == LiveCall.Phase.WAITING && !now.isBefore(call.waitingSince.plus(connectLimit))) {
                call.phase = LiveCall.Phase.ABANDONING;
                rt.carrier().abandon(call.callId(), settings.compliance().safeHarbourMessage());
            } else if (call.phase == LiveCall.Phase.OFFERED
                    && !now.isBefore(call.offeredAt.plusSeconds(settings.dialing().previewTimeoutSeconds()))) {
                endOffer(call, ResultCode.PREVIEW_TIMEOUT, now);
            }
        }
        for (Seat seat : seats.values()) {
            if (seat.state == AgentState.WRAP_UP && seat.wrapUntil != null && !now.isBefore(seat.wrapUntil)) {
                double wrap = seconds(seat.since, now);
                if (move(seat, AgentState.READY, null)) {
                    pacer.observe(new PacingObservation.WrapEnded(clockSeconds(now), wrap));
                }
                seat.wrapUntil = null;
            }
        }
    }

    private void driveSimulatedAgents(Instant now) {
        for (Seat seat : seats.values()) {
            if (!seat.simulated || seat.away) {
                continue;
            }
            if (seat.state == AgentState.LOGGED_OUT || seat.state == AgentState.PAUSED) {
                continue;
            }
            if (seat.call != null && seat.call.phase == LiveCall.Phase.OFFERED && seat.decideAt != null
                    && !now.isBefore(seat.decideAt)) {
                seat.decideAt = null;
                acceptOffer(seat.call);
            }
        }
    }

    private double wrapSeconds() {
        var wrap = profile.scenario().wrapSeconds();
        double sigma = Math.sqrt(Math.log(1 + wrap.cv() * wrap.cv()));
        double mu = Math.log(Math.max(1e-9, wrap.mean())) - sigma * sigma / 2;
        return wrap.mean() > 0 ? Math.exp(mu + sigma * random.nextGaussian()) : 0;
    }

    private String simulatedOutcome() {
        List<CampaignSettings.OutcomeDefinition> outcomes = settings.outcomes();
        return outcomes == null || outcomes.isEmpty() ? null : outcomes.get(random.nextInt(outcomes.size())).code();
    }

    // ---------------------------------------------------------------- preview

    private void handlePreviewDecisions(Instant now) {
        List<UUID> offered = calls.values().stream().filter(c -> c.phase == LiveCall.Phase.OFFERED)
                .filter(c -> !seats.containsKey(c.agentId) || !seats.get(c.agentId).simulated)
                .map(c -> c.attemptId).toList();
        if (offered.isEmpty()) {
            return;
        }
        rt.attempts().previewActions(offered).forEach((attemptId, action) -> {
            LiveCall call = calls.get(attemptId);
            switch (action) {
                case "ACCEPT" -> acceptOffer(call);
                case "SKIP" -> endOffer(call, ResultCode.AGENT_SKIPPED, now);
                default -> endOffer(call, ResultCode.AGENT_CLOSED, now);
            }
        });
    }

    private void acceptOffer(LiveCall call) {
        rt.store().markDialing(lease, call.attemptId);
        call.phase = LiveCall.Phase.RINGING;
        originate(call);
    }

    private void endOffer(LiveCall call, ResultCode result, Instant now) {
        calls.remove(call.attemptId);
        Seat seat = seats.get(call.agentId);
        if (seat != null && seat.call == call) {
            seat.call = null;
            AgentState next = result == ResultCode.PREVIEW_TIMEOUT && !seat.simulated ? AgentState.PAUSED : AgentState.READY;
            move(seat, next, null);
        }
        ended.add(new AttemptEnd(call.attemptId, call.contactId, result, null, null, now, call.agentId,
                result == ResultCode.PREVIEW_TIMEOUT ? "the agent did not answer the offer in time" : "agent's decision",
                null, call.callback));
    }

    // ---------------------------------------------------------------- writing results and planning

    private void flushEnded() {
        if (ended.isEmpty()) {
            return;
        }
        List<AttemptEnd> batch = new ArrayList<>(ended);
        long t = System.nanoTime();
        rt.store().finish(lease, batch, scheduling, settings, now(), new HashMap<>(endedNumbers));
        dbNanos += System.nanoTime() - t;
        ended.clear();
        endedNumbers.clear();
    }

    private void flushActivity() {
        if (activity.isEmpty()) {
            return;
        }
        long t = System.nanoTime();
        rt.store().recordActivity(lease, activity.drain());
        dbNanos += System.nanoTime() - t;
    }

    private int planContacts(Instant now) {
        long t = System.nanoTime();
        if (planningDone && t < nextPlanCheckNanos) {
            return 0;
        }
        int planned = rt.store().planUnplanned(lease, scheduling, settings, now, PLAN_BATCH);
        dbNanos += System.nanoTime() - t;
        planningDone = planned < PLAN_BATCH;
        nextPlanCheckNanos = t + TimeUnit.MILLISECONDS.toNanos(1000);
        return planned;
    }

    private void checkCompletion(int placed, int planned) {
        long t = System.nanoTime();
        if (placed > 0 || planned > 0 || !calls.isEmpty() || !planningDone || t < nextCompletionCheckNanos) {
            return;
        }
        nextCompletionCheckNanos = t + TimeUnit.MILLISECONDS.toNanos(2000);
        // an empty campaign keeps running: a CRM may be about to push its contacts one by one
        if (rt.queue().openCount(lease.tenant(), lease.campaignId()) == 0 && rt.queue().hasContacts(lease.tenant(), lease.campaignId())
                && rt.campaigns().complete(lease.tenant(), lease.campaignId())) {
            LOG.infof("Campaign %s completed: no contact can be dialled again", campaignIdText);
            refreshCampaign();
        }
    }

    // ---------------------------------------------------------------- dialling

    private int dial(Instant now) {
        String mode = settings.mode();
        if ("PREVIEW".equals(mode)) {
            return offer(now);
        }
        int count;
        List<Seat> reserve = List.of();
        if ("AGENTLESS".equals(mode)) {
            count = Math.max(0, settings.dialing().maxConcurrentCalls() - calls.size());
        } else {
            PacingSnapshot snapshot = snapshot(now);
            PacingDecision decision = pacer.decide(snapshot);
            capFallback = ledgerRate(now) >= settings.compliance().maxAbandonRate();
            if (capFallback && pacer.algorithm() != PacingAlgorithm.PROGRESSIVE) {
                decision = fallback.decide(snapshot);
            }
            count = decision.calls();
            if ("PROGRESSIVE".equals(mode)) {
                reserve = seats.values().stream().filter(Seat::isFree).limit(count).toList();
                count = reserve.size();
            }
        }
        count = Math.min(count, MAX_CLAIM_PER_TICK);
        lastDecision = count;
        if (count <= 0) {
            return 0;
        }
        long t = System.nanoTime();
        List<DialingStore.Dial> dials = rt.store().claim(lease, campaign, scheduling, count, now, null);
        dbNanos += System.nanoTime() - t;
        placedTotal += dials.size();
        for (int i = 0; i < dials.size(); i++) {
            DialingStore.Dial d = dials.get(i);
            LiveCall call = new LiveCall(d.attempt().id(), d.contact(), d.attempt().phoneIndex(), d.attempt().number(), now,
                    d.callback(), LiveCall.Phase.RINGING);
            calls.put(call.attemptId, call);
            if (i < reserve.size()) {
                Seat seat = reserve.get(i);
                if (move(seat, AgentState.RESERVED, call)) {
                    seat.call = call;
                    call.agentId = seat.agentId;
                }
            }
            originate(call);
        }
        return dials.size();
    }

    private int offer(Instant now) {
        List<Seat> free = seats.values().stream().filter(Seat::isFree).limit(MAX_CLAIM_PER_TICK).toList();
        if (free.isEmpty()) {
            return 0;
        }
        List<DialingStore.Dial> dials = rt.store().claim(lease, campaign, scheduling, free.size(), now,
                free.stream().map(s -> s.agentId).toList());
        for (int i = 0; i < dials.size(); i++) {
            DialingStore.Dial d = dials.get(i);
            Seat seat = free.get(i);
            LiveCall call = new LiveCall(d.attempt().id(), d.contact(), d.attempt().phoneIndex(), d.attempt().number(), now,
                    d.callback(), LiveCall.Phase.OFFERED);
            call.offeredAt = now;
            call.agentId = seat.agentId;
            calls.put(call.attemptId, call);
            if (move(seat, AgentState.RESERVED, call)) {
                seat.call = call;
                if (seat.simulated) {
                    seat.decideAt = now.plusMillis(1000 + random.nextInt(2000));
                }
                Map<String, Object> data = screenPop(call);
                data.put("offerId", call.callId());
                data.put("expiresAt", now.plusSeconds(settings.dialing().previewTimeoutSeconds()).toString());
                publish(seat, "offer", data);
            } else {
                endOffer(call, ResultCode.CANCELLED, now);
            }
        }
        return dials.size();
    }

    private void originate(LiveCall call) {
        CampaignSettings.Dialing d = settings.dialing();
        boolean amd = d.amd() != null && Boolean.TRUE.equals(d.amd().enabled());
        call.recorded = usesAgents() && settings.recording() != null && Boolean.TRUE.equals(settings.recording().enabled());
        rt.carrier().originate(new CallRequest(call.callId(), lease.tenant(), campaignIdText, call.number, d.callerId(),
                TrunkRules.trunkFor(d.trunkRules(), call.contact.phones().get(call.phoneIndex)), d.ringTimeoutSeconds(), amd,
                lease.clock(), profile.scenario(), call.placedAt, call.recorded, amd ? d.amd().tuning() : null), events::add);
    }

    /** Pause keeps answered calls; stop and shutdown end the unanswered ones; shutdown hangs up the rest too. */
    private void cancelUnanswered() {
        for (LiveCall call : new ArrayList<>(calls.values())) {
            if (stopRequested && call.phase != LiveCall.Phase.OFFERED && call.phase != LiveCall.Phase.RINGING && !call.cancelled) {
                call.cancelled = true;
                rt.carrier().hangup(call.callId());
                continue;
            }
            if (call.phase == LiveCall.Phase.OFFERED) {
                endOffer(call, ResultCode.CANCELLED, now());
            } else if (call.phase == LiveCall.Phase.RINGING && !call.cancelled) {
                call.cancelled = true;
                rt.carrier().hangup(call.callId());
            }
        }
    }

    // ---------------------------------------------------------------- pacing inputs and live figures

    private PacingSnapshot snapshot(Instant now) {
        return LoopFigures.snapshot(clockSeconds(now), now, seats.values(), calls.values(), settings, ledger);
    }

    private double ledgerRate(Instant now) {
        return ledger.definition().rate(ledger.countsAt(now));
    }

    private void accountUtilization(Instant now) {
        for (Seat s : seats.values()) {
            if (!s.away) {
                activity.add(s.agentId, s.state, lastTick, now);
            }
        }
        figures.account(seats.values(), seconds(lastTick, now));
        lastTick = now;
    }

    /** The loop's live figures: lines, dial level, utilization, abandon rate and agents by state. */
    private DialingMetrics.LiveFigures liveFigures(Instant now) {
        return figures.live(seats.values(), calls.values(), ledgerRate(now), settings.compliance().maxAbandonRate());
    }

    private String liveJson(DialingMetrics.LiveFigures figures) {
        Instant now = now();
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("campaignNow", now.toString());
        live.put("linesInFlight", figures.linesInFlight());
        live.put("linesPerAgent", Math.round(100.0 * figures.dialLevel()) / 100.0);
        live.put("utilization", Math.round(1000.0 * figures.utilization()) / 1000.0);
        live.put("abandonRate", figures.abandonRate());
        live.put("capFallback", capFallback);
        live.put("lastDecision", lastDecision);
        live.put("owner", lease.owner());
        live.put("attemptsPlaced", placedTotal);
        live.put("dbMillis", dbNanos / 1_000_000);
        return io.dialer.platform.Json.write(rt.mapper(), live);
    }

    private Map<String, Object> screenPop(LiveCall call) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", call.contactId.toString());
        contact.put("externalId", call.contact.externalId());
        contact.put("firstName", call.contact.firstName());
        contact.put("lastName", call.contact.lastName());
        contact.put("number", call.number);
        contact.put("attributes", call.contact.attributesJson() == null ? null
                : io.dialer.platform.Json.read(rt.mapper(), call.contact.attributesJson(), Object.class));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("callId", call.callId());
        data.put("campaignId", campaignIdText);
        data.put("callback", call.callback);
        data.put("contact", contact);
        return data;
    }

    private void safeRelease() {
        try {
            rt.leases().release(lease);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Campaign %s: could not release the lease; it expires by itself", campaignIdText);
        }
    }

    private Instant now() {
        return lease.clock().instant();
    }

    private double clockSeconds(Instant at) {
        return seconds(startedAt, at);
    }

    private static double seconds(Instant from, Instant to) {
        return LoopFigures.seconds(from, to);
    }
}
