package io.dialer.engine.sim;

import io.dialer.engine.pacing.AbandonLedger;
import io.dialer.engine.pacing.AgentState;
import io.dialer.engine.pacing.AgentView;
import io.dialer.engine.pacing.CallInFlight;
import io.dialer.engine.pacing.Pacer;
import io.dialer.engine.pacing.PacerConfig;
import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.pacing.PacingDecision;
import io.dialer.engine.pacing.PacingObservation;
import io.dialer.engine.pacing.PacingSnapshot;
import io.dialer.engine.pacing.Pacers;
import io.dialer.engine.pacing.PredictivePacer;
import io.dialer.engine.pacing.WaitingCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One discrete-event run of one pacer on one seed. The pacer is asked every second of the shift and sees only a
 * {@link PacingSnapshot}; the simulator enforces the line cap, the ring timeout, the connect timeout (the call is
 * abandoned and counted), the calling windows and, under UK rules, the 72-hour lock-out of abandoned numbers.
 *
 * <p>A call reaches the agent queue at answer (AMD off) or when AMD declares it human. The callee's patience runs from
 * that moment; the connect timeout runs from it under US rules (end of greeting) and from the answer under UK rules.
 * Agents take queued calls first come, first served, and ready agents take new calls longest-idle first.
 */
public final class Simulation {

    /** With AMD off an agent spends this long dispositioning a machine (research notes, section 6.2), then is ready. */
    public static final double MACHINE_HANDLE_SECONDS = 8;
    static final double LOCKOUT_SECONDS = 72 * 3600;
    private static final double TICK_SECONDS = 1;

    private static final int CALL_FAILED = 0;
    private static final int CALL_REACHES_QUEUE = 1;
    private static final int WAIT_DEADLINE = 2;
    private static final int TALK_END = 3;
    private static final int WRAP_END = 4;
    private static final int PAUSE_START = 5;
    private static final int PAUSE_END = 6;

    private final Scenario scenario;
    private final LeadList leads;
    private final Pacer pacer;
    private final SimulationListener listener;
    private final RunMetrics metrics;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final SimAgent[] agents;
    private final ArrayDeque<SimAgent> readyAgents = new ArrayDeque<>();
    private final ArrayList<SimCall> inFlight = new ArrayList<>();
    private final ArrayList<SimCall> waiting = new ArrayList<>();
    private final Map<Long, Double> lockedUntil = new HashMap<>();
    private final AbandonCounts ledger = new AbandonCounts();
    private long sequence;
    private double now;
    private long nextLead;
    private int talking;

    /** A run of one of the scenario's algorithms, with generated leads. */
    public Simulation(Scenario scenario, long seed, PacingAlgorithm algorithm, PacerConfig config) {
        this(scenario, seed, new GeneratedLeads(scenario, seed), algorithm, config, null, new SimulationListener() { });
    }

    /**
     * @param customPacer a pacer to run instead of the algorithm's (may be null)
     */
    public Simulation(Scenario scenario, long seed, LeadList leads, PacingAlgorithm algorithm, PacerConfig config,
            Pacer customPacer, SimulationListener listener) {
        this.scenario = scenario;
        this.leads = leads;
        this.listener = listener;
        this.metrics = new RunMetrics(scenario);
        this.agents = new SimAgent[scenario.agents()];
        for (int i = 0; i < agents.length; i++) {
            agents[i] = new SimAgent(i);
        }
        drawPauses(seed);
        this.pacer = customPacer != null ? customPacer : createPacer(algorithm, config);
    }

    private Pacer createPacer(PacingAlgorithm algorithm, PacerConfig config) {
        return switch (algorithm) {
            case SEMI_ORACLE -> new PredictivePacer(config, new ExactFinishTimes(this), PacingAlgorithm.SEMI_ORACLE);
            case ORACLE -> new ClairvoyantPacer(this);
            default -> Pacers.create(algorithm, config);
        };
    }

    private void drawPauses(long seed) {
        Scenario.AgentPauses pauses = scenario.agentPauses();
        SplittableRandom random = new SplittableRandom(seed * 31 + 17);
        for (SimAgent agent : agents) {
            boolean pauses_ = random.nextDouble() < pauses.fraction();
            double start = random.nextDouble() * scenario.shiftSeconds();
            double length = pauses.minSeconds() + (pauses.maxSeconds() - pauses.minSeconds()) * random.nextDouble();
            if (pauses_) {
                agent.pauseLength = length;
                schedule(start, PAUSE_START, null, agent);
            }
        }
    }

    public RunResult run() {
        double shift = scenario.shiftSeconds();
        for (SimAgent agent : agents) {
            agent.since = 0;
            agent.readySince = 0;
            readyAgents.addLast(agent);
        }
        for (double tick = 0; tick < shift; tick += TICK_SECONDS) {
            processEventsUntil(tick);
            now = tick;
            PacingDecision decision = pacer.decide(snapshot());
            dial(decision.calls());
        }
        processEventsUntil(shift);
        now = shift;
        for (SimAgent agent : agents) {
            metrics.agentTime(agent.state, agent.since, shift);
        }
        return metrics.result();
    }

    // ---------------------------------------------------------------- what the pacer sees

    private PacingSnapshot snapshot() {
        List<AgentView> agentViews = new ArrayList<>(agents.length);
        for (SimAgent agent : agents) {
            agentViews.add(new AgentView(agent.id, agent.state, now - agent.since));
        }
        List<CallInFlight> ringing = new ArrayList<>(inFlight.size());
        for (SimCall call : inFlight) {
            ringing.add(new CallInFlight(now - call.dialedAt));
        }
        List<WaitingCall> queued = new ArrayList<>(waiting.size());
        for (SimCall call : waiting) {
            queued.add(new WaitingCall(now - call.reachedAt));
        }
        return new PacingSnapshot(now, agentViews, ringing, queued, scenario.maxLinesPerAgent(),
                scenario.ringTimeoutSeconds(), scenario.connectTimeoutSeconds(), dialerLedger(), scenario.maxAbandonRate());
    }

    /**
     * The dialer's own estimate since the start of the shift: the Ofcom machine adjustment of raw drops (a dialer cannot
     * tell dropped humans from dropped machines) plus a reasoned estimate of AMD false positives from the configured
     * false-positive rate.
     */
    private AbandonLedger dialerLedger() {
        double drops = ledger.adjustedDrops();
        double humans = ledger.humanConnected + drops;
        double falsePositives = 0;
        if (scenario.amd().enabled()) {
            double fp = scenario.amd().falsePositive();
            falsePositives = fp < 1 ? fp / (1 - fp) * humans : 0;
        }
        return new AbandonLedger(humans + falsePositives, drops + falsePositives);
    }

    // ---------------------------------------------------------------- dialling

    int lineCap() {
        int active = 0;
        for (SimAgent agent : agents) {
            if (agent.state != AgentState.PAUSED) {
                active++;
            }
        }
        return (int) Math.floor(scenario.maxLinesPerAgent() * active + 1e-9);
    }

    int linesInUse() {
        return inFlight.size() + waiting.size() + talking;
    }

    private void dial(int calls) {
        if (calls <= 0 || !scenario.dialingAllowed(now)) {
            return;
        }
        int cap = lineCap();
        for (int i = 0; i < calls && linesInUse() < cap; i++) {
            LeadFate lead = nextDialableLead();
            if (lead == null) {
                return;
            }
            place(lead, cap);
        }
    }

    private LeadFate nextDialableLead() {
        while (true) {
            LeadFate lead = leads.get(nextLead);
            if (lead == null) {
                return null;
            }
            nextLead++;
            Double until = lockedUntil.get(lead.phoneNumber());
            if (until == null || now >= until) {
                return lead;
            }
        }
    }

    private void place(LeadFate lead, int cap) {
        Outcome outcome = lead.outcome(scenario.mix(), scenario.liveMultiplier(now));
        SimCall call = new SimCall(lead, outcome, now);
        add(inFlight, call);
        metrics.dialed(now);
        listener.dialed(now, lead, outcome, linesInUse(), cap);
        double ringTimeout = scenario.ringTimeoutSeconds();
        Scenario.Amd amd = scenario.amd();
        switch (outcome) {
            case LIVE, MACHINE -> {
                boolean live = outcome == Outcome.LIVE;
                double answerAfter = live ? lead.liveAnswerSeconds() : lead.machineAnswerSeconds();
                if (answerAfter > ringTimeout) {
                    schedule(now + ringTimeout, CALL_FAILED, call, null);
                    return;
                }
                call.answeredAt = now + answerAfter;
                call.live = live;
                if (!amd.enabled()) {
                    schedule(call.answeredAt, CALL_REACHES_QUEUE, call, null);
                    return;
                }
                double decidedAt = call.answeredAt + lead.amdDecisionSeconds();
                boolean judgedMachine = live ? lead.amdDraw() < amd.falsePositive() : lead.amdDraw() >= amd.falseNegative();
                if (judgedMachine) {
                    call.falsePositive = live;
                    schedule(decidedAt, CALL_FAILED, call, null);
                } else {
                    schedule(decidedAt, CALL_REACHES_QUEUE, call, null);
                }
            }
            case NO_ANSWER -> schedule(now + ringTimeout, CALL_FAILED, call, null);
            case BUSY -> schedule(now + Math.min(ringTimeout, lead.busySeconds()), CALL_FAILED, call, null);
            case INVALID -> schedule(now + Math.min(ringTimeout, lead.invalidSeconds()), CALL_FAILED, call, null);
        }
    }

    // ---------------------------------------------------------------- events

    private void schedule(double time, int type, SimCall call, SimAgent agent) {
        events.add(new Event(time, sequence++, type, call, agent));
    }

    private void processEventsUntil(double time) {
        while (!events.isEmpty() && events.peek().time <= time) {
            Event event = events.poll();
            now = event.time;
            switch (event.type) {
                case CALL_FAILED -> callFailed(event.call);
                case CALL_REACHES_QUEUE -> callReachesQueue(event.call);
                case WAIT_DEADLINE -> waitDeadline(event.call);
                case TALK_END -> talkEnded(event.agent);
                case WRAP_END -> wrapEnded(event.agent);
                case PAUSE_START -> pauseStart(event.agent);
                case PAUSE_END -> becomeReady(event.agent);
                default -> throw new IllegalStateException("unknown event " + event.type);
            }
        }
    }

    private void callFailed(SimCall call) {
        remove(inFlight, call);
        if (call.answeredAt >= 0 && call.live) {
            metrics.liveAnswered(call.answeredAt);
        }
        if (call.falsePositive) {
            metrics.falsePositive(now);
            ledger.falsePositives++;
            lockOut(call);
        }
        pacer.observe(new PacingObservation.CallFailed(now, now - call.dialedAt));
        listener.callFailed(now, call.lead, now - call.dialedAt);
    }

    private void callReachesQueue(SimCall call) {
        remove(inFlight, call);
        call.reachedAt = now;
        if (call.live) {
            metrics.liveAnswered(call.answeredAt);
        }
        pacer.observe(new PacingObservation.CallReachedQueue(now, now - call.dialedAt));
        listener.callReachedQueue(now, call.lead, now - call.dialedAt);
        double deadline = connectDeadline(now, call.answeredAt, call.live, call.lead);
        if (!readyAgents.isEmpty() && deadline > now) {
            connect(call, readyAgents.pollFirst());
            return;
        }
        if (deadline <= now) {
            abandon(call);
            return;
        }
        add(waiting, call);
        schedule(deadline, WAIT_DEADLINE, call, null);
    }

    /**
     * When a call that reaches the queue at {@code reachAt} is abandoned if no agent has taken it: the connect timeout
     * runs from the answer under UK rules and from reaching the queue under US rules; a person may hang up sooner.
     */
    double connectDeadline(double reachAt, double answeredAt, boolean live, LeadFate lead) {
        double clockStart = scenario.regulation() == Regulation.UK ? answeredAt : reachAt;
        double deadline = clockStart + scenario.connectTimeoutSeconds();
        return live ? Math.min(deadline, reachAt + lead.patienceSeconds()) : deadline;
    }

    private void waitDeadline(SimCall call) {
        if (call.index < 0 || call.index >= waiting.size() || waiting.get(call.index) != call) {
            return;
        }
        remove(waiting, call);
        abandon(call);
    }

    private void abandon(SimCall call) {
        metrics.dropped(now, call.live);
        ledger.rawDrops++;
        lockOut(call);
        pacer.observe(new PacingObservation.CallAbandoned(now, now - call.reachedAt));
        listener.callAbandoned(now, call.lead, now - call.reachedAt, call.live);
    }

    private void lockOut(SimCall call) {
        if (scenario.regulation() == Regulation.UK) {
            lockedUntil.put(call.lead.phoneNumber(), now + LOCKOUT_SECONDS);
        }
    }

    private void connect(SimCall call, SimAgent agent) {
        double idleWait = now - agent.readySince;
        transition(agent, AgentState.TALKING);
        talking++;
        agent.call = call;
        double talk = call.live ? call.lead.talkSeconds() : MACHINE_HANDLE_SECONDS;
        double wrap = call.live ? call.lead.wrapSeconds() : 0;
        agent.talkEndsAt = now + talk;
        agent.freeAt = now + talk + wrap;
        if (call.live) {
            ledger.humanConnected++;
        } else {
            ledger.machineConnected++;
        }
        metrics.connected(now, call.live, idleWait);
        pacer.observe(new PacingObservation.CallConnected(now, now - call.reachedAt));
        listener.callConnected(now, call.lead, now - call.reachedAt, call.live);
        schedule(agent.talkEndsAt, TALK_END, null, agent);
    }

    private void talkEnded(SimAgent agent) {
        talking--;
        double talk = now - agent.since;
        boolean wrapUp = agent.call.live;
        agent.call = null;
        pacer.observe(new PacingObservation.TalkEnded(now, talk, wrapUp));
        if (wrapUp) {
            transition(agent, AgentState.WRAP);
            schedule(agent.freeAt, WRAP_END, null, agent);
        } else {
            becomeReady(agent);
        }
    }

    private void wrapEnded(SimAgent agent) {
        pacer.observe(new PacingObservation.WrapEnded(now, now - agent.since));
        becomeReady(agent);
    }

    private void pauseStart(SimAgent agent) {
        if (agent.state == AgentState.READY) {
            readyAgents.remove(agent);
            startPause(agent);
        } else {
            agent.pausePending = true;
        }
    }

    private void startPause(SimAgent agent) {
        agent.pausePending = false;
        transition(agent, AgentState.PAUSED);
        agent.freeAt = now + agent.pauseLength;
        schedule(agent.freeAt, PAUSE_END, null, agent);
    }

    private void becomeReady(SimAgent agent) {
        if (agent.pausePending) {
            startPause(agent);
            return;
        }
        transition(agent, AgentState.READY);
        agent.readySince = now;
        agent.freeAt = now;
        SimCall next = oldestWaiting();
        if (next != null) {
            remove(waiting, next);
            connect(next, agent);
        } else {
            readyAgents.addLast(agent);
        }
    }

    private SimCall oldestWaiting() {
        SimCall oldest = null;
        for (SimCall call : waiting) {
            if (oldest == null || call.reachedAt < oldest.reachedAt) {
                oldest = call;
            }
        }
        return oldest;
    }

    private void transition(SimAgent agent, AgentState next) {
        metrics.agentTime(agent.state, agent.since, now);
        agent.state = next;
        agent.since = now;
    }

    private static void add(ArrayList<SimCall> list, SimCall call) {
        call.index = list.size();
        list.add(call);
    }

    private static void remove(ArrayList<SimCall> list, SimCall call) {
        int i = call.index;
        int last = list.size() - 1;
        SimCall moved = list.get(last);
        list.set(i, moved);
        moved.index = i;
        list.remove(last);
        call.index = -1;
    }

    // ---------------------------------------------------------------- clairvoyant feeds (oracles only)

    double now() {
        return now;
    }

    Scenario scenario() {
        return scenario;
    }

    /** The exact time the agent will be ready again (now if ready). */
    double agentFreeAt(int agentId) {
        SimAgent agent = agents[agentId];
        return agent.state == AgentState.READY ? now : agent.freeAt;
    }

    int agentCount() {
        return agents.length;
    }

    AgentState agentState(int agentId) {
        return agents[agentId].state;
    }

    List<SimCall> callsInFlight() {
        return inFlight;
    }

    List<SimCall> callsWaiting() {
        return waiting;
    }

    /** The lead {@code offset} places after the next one to be dialled (ignores lock-outs), or null. */
    LeadFate upcomingLead(int offset) {
        return leads.get(nextLead + offset);
    }

    /**
     * If the lead were dialled now: seconds until it reaches the agent queue, or NaN if it never would; with the agent
     * time it would take in {@code service[0]} and 1 in {@code service[1]} if a person answers.
     */
    double reachDelayIfDialedNow(LeadFate lead, double[] service) {
        Outcome outcome = lead.outcome(scenario.mix(), scenario.liveMultiplier(now));
        if (outcome != Outcome.LIVE && outcome != Outcome.MACHINE) {
            return Double.NaN;
        }
        boolean live = outcome == Outcome.LIVE;
        double answerAfter = live ? lead.liveAnswerSeconds() : lead.machineAnswerSeconds();
        if (answerAfter > scenario.ringTimeoutSeconds()) {
            return Double.NaN;
        }
        Scenario.Amd amd = scenario.amd();
        if (amd.enabled()) {
            boolean judgedMachine = live ? lead.amdDraw() < amd.falsePositive() : lead.amdDraw() >= amd.falseNegative();
            if (judgedMachine) {
                return Double.NaN;
            }
            answerAfter += lead.amdDecisionSeconds();
        }
        service[0] = live ? lead.talkSeconds() + lead.wrapSeconds() : MACHINE_HANDLE_SECONDS;
        service[1] = live ? 1 : 0;
        return answerAfter;
    }

    // ---------------------------------------------------------------- state

    static final class SimCall {
        final LeadFate lead;
        final Outcome outcome;
        final double dialedAt;
        double answeredAt = -1;
        double reachedAt = -1;
        boolean live;
        boolean falsePositive;
        int index;

        SimCall(LeadFate lead, Outcome outcome, double dialedAt) {
            this.lead = lead;
            this.outcome = outcome;
            this.dialedAt = dialedAt;
        }

        /** Agent time this call will take once connected. */
        double service() {
            return live ? lead.talkSeconds() + lead.wrapSeconds() : MACHINE_HANDLE_SECONDS;
        }

        /** When it reaches the queue, or NaN if it will fail (for in-flight calls). */
        double plannedReach(Scenario scenario) {
            if (answeredAt < 0 || falsePositive) {
                return Double.NaN;
            }
            if (!scenario.amd().enabled()) {
                return answeredAt;
            }
            Scenario.Amd amd = scenario.amd();
            boolean judgedMachine = live ? lead.amdDraw() < amd.falsePositive() : lead.amdDraw() >= amd.falseNegative();
            return judgedMachine ? Double.NaN : answeredAt + lead.amdDecisionSeconds();
        }
    }

    private static final class SimAgent {
        final int id;
        AgentState state = AgentState.READY;
        double since;
        double readySince;
        double talkEndsAt;
        double freeAt;
        double pauseLength;
        boolean pausePending;
        SimCall call;

        SimAgent(int id) {
            this.id = id;
        }
    }

    private static final class Event implements Comparable<Event> {
        final double time;
        final long sequence;
        final int type;
        final SimCall call;
        final SimAgent agent;

        Event(double time, long sequence, int type, SimCall call, SimAgent agent) {
            this.time = time;
            this.sequence = sequence;
            this.type = type;
            this.call = call;
            this.agent = agent;
        }

        @Override
        public int compareTo(Event other) {
            int byTime = Double.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
