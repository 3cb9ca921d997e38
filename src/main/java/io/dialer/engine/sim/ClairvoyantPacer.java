package io.dialer.engine.sim;

import io.dialer.engine.pacing.AgentState;
import io.dialer.engine.pacing.Pacer;
import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.pacing.PacingDecision;
import io.dialer.engine.pacing.PacingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * ORACLE: knows every lead's fate and every agent's future, must dial in list order under the same line cap and 1 s
 * tick. Leads that will not reach an agent are dialled as soon as a line is free (they only hold lines); a lead that
 * will reach an agent is dialled at the first tick where it lands no earlier than the connect window before the next
 * agent it is planned for frees up. A greedy schedule, so a lower bound on the clairvoyant optimum.
 */
final class ClairvoyantPacer implements Pacer {

    private static final double SAFETY = 0.95;

    private final Simulation simulation;
    private final double[] service = new double[2];

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
        PriorityQueue<Double> freeTimes = new PriorityQueue<>();
        for (int i = 0; i < simulation.agentCount(); i++) {
            freeTimes.add(simulation.agentFreeAt(i));
        }
        List<double[]> pending = new ArrayList<>();
        for (Simulation.SimCall call : simulation.callsWaiting()) {
            pending.add(new double[] {call.reachedAt, call.service()});
        }
        for (Simulation.SimCall call : simulation.callsInFlight()) {
            double reach = call.plannedReach(scenario);
            if (!Double.isNaN(reach)) {
                pending.add(new double[] {reach, call.service()});
            }
        }
        pending.sort((a, b) -> Double.compare(a[0], b[0]));
        for (double[] call : pending) {
            double free = freeTimes.poll();
            freeTimes.add(Math.max(free, call[0]) + call[1]);
        }
        int room = snapshot.freeLines();
        int calls = 0;
        while (calls < room) {
            var lead = simulation.upcomingLead(calls);
            if (lead == null) {
                break;
            }
            double delay = simulation.reachDelayIfDialedNow(lead, service);
            if (Double.isNaN(delay)) {
                calls++;
                continue;
            }
            double landsAt = now + delay;
            double window = scenario.connectTimeoutSeconds();
            if (service[1] > 0) {
                window = Math.min(window, lead.patienceSeconds());
            }
            double free = freeTimes.peek();
            if (landsAt < free - SAFETY * window) {
                break;
            }
            freeTimes.poll();
            freeTimes.add(Math.max(free, landsAt) + service[0]);
            calls++;
        }
        return PacingDecision.dial(calls, "clairvoyant schedule");
    }
}
