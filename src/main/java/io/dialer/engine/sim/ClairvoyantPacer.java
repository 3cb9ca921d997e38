package io.dialer.engine.sim;

import io.dialer.engine.pacing.Pacer;
import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.pacing.PacingDecision;
import io.dialer.engine.pacing.PacingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * ORACLE: knows every lead's fate and every agent's future, must dial in list order under the same line cap and 1 s
 * tick. Leads that will not reach an agent are dialled as soon as a line is free (they only hold lines). A lead that will
 * reach an agent is dialled as soon as doing so abandons nobody: the calls already placed and this one are played
 * forward against the agents' known free times exactly as the simulator will serve them (first come, first served, each
 * call within its connect window), and the lead waits for a later tick while a person would be left without an agent.
 * Under US rules a machine that finds no agent may drop (machines are not abandons there). Dialling each lead at its
 * earliest safe moment is greedy, so this is a lower bound on the clairvoyant optimum, but it never abandons and keeps
 * agents fed as closely as the list order allows.
 */
final class ClairvoyantPacer implements Pacer {

    private final Simulation simulation;
    private final double[] service = new double[2];
    private final List<Arrival> planned = new ArrayList<>();
    private double[] freeTimes = new double[0];
    private final PriorityQueue<Double> agentsFree = new PriorityQueue<>();

    /** A call that will reach the agent queue: when, how long it will keep an agent, how long it can wait for one. */
    private record Arrival(double reachAt, double service, double window, boolean live) {
    }

    ClairvoyantPacer(Simulation simulation) {
        this.simulation = simulation;
    }

    @Override
    public PacingAlgorithm algorithm() {
        return PacingAlgorithm.ORACLE;
    }

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        if (!simulation.scenario().dialingAllowed(simulation.now())) {
            return new PacingDecision.Hold("outside the calling window");
        }
        double now = simulation.now();
        Scenario scenario = simulation.scenario();
        sortFreeTimes();
        planned.clear();
        for (Simulation.SimCall call : simulation.callsWaiting()) {
            planned.add(arrival(call.reachedAt, call.answeredAt, call.service(), call.live, call.lead));
        }
        for (Simulation.SimCall call : simulation.callsInFlight()) {
            double reach = call.plannedReach(scenario);
            if (!Double.isNaN(reach)) {
                planned.add(arrival(reach, call.answeredAt, call.service(), call.live, call.lead));
            }
        }
        planned.sort(BY_REACH);
        int room = snapshot.freeLines();
        int calls = 0;
        while (calls < room) {
            LeadFate lead = simulation.upcomingLead(calls);
            if (lead == null) {
                break;
            }
            double delay = simulation.reachDelayIfDialedNow(lead, service);
            if (Double.isNaN(delay)) {
                calls++;
                continue;
            }
            double answerAt = now + delay - (scenario.amd().enabled() ? lead.amdDecisionSeconds() : 0);
            Arrival candidate = arrival(now + delay, answerAt, service[0], service[1] > 0, lead);
            int at = insertionPoint(candidate);
            planned.add(at, candidate);
            if (!nobodyAbandoned()) {
                planned.remove(at);
                break;
            }
            calls++;
        }
        return PacingDecision.dial(calls, "clairvoyant schedule");
    }

    private static final java.util.Comparator<Arrival> BY_REACH = (a, b) -> Double.compare(a.reachAt(), b.reachAt());

    private Arrival arrival(double reachAt, double answerAt, double serviceSeconds, boolean live, LeadFate lead) {
        double window = simulation.connectDeadline(reachAt, answerAt, live, lead) - reachAt;
        return new Arrival(reachAt, serviceSeconds, window, live);
    }

    private void sortFreeTimes() {
        int agents = simulation.agentCount();
        if (freeTimes.length != agents) {
            freeTimes = new double[agents];
        }
        for (int i = 0; i < agents; i++) {
            freeTimes[i] = simulation.agentFreeAt(i);
        }
        java.util.Arrays.sort(freeTimes);
    }

    private int insertionPoint(Arrival candidate) {
        int at = planned.size();
        while (at > 0 && planned.get(at - 1).reachAt() > candidate.reachAt()) {
            at--;
        }
        return at;
    }

    /**
     * Plays the planned calls forward in the order they reach the queue, each taking the agent free soonest if that
     * agent is free within its window. With k calls only the k agents free soonest can take one, so the rest are left out.
     */
    private boolean nobodyAbandoned() {
        boolean machinesMayDrop = simulation.scenario().regulation() == Regulation.US;
        agentsFree.clear();
        int usable = Math.min(freeTimes.length, planned.size());
        for (int i = 0; i < usable; i++) {
            agentsFree.add(freeTimes[i]);
        }
        for (Arrival call : planned) {
            Double free = agentsFree.peek();
            if (free != null && free <= call.reachAt() + call.window()) {
                agentsFree.poll();
                agentsFree.add(Math.max(free, call.reachAt()) + call.service());
            } else if (call.live() || !machinesMayDrop) {
                return false;
            }
        }
        return true;
    }
}
