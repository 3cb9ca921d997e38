package io.dialer.engine.pacing;

import java.util.List;

/**
 * What a real dialer sees at one control tick. The lists are handed over, not copied: callers must not mutate them
 * afterwards (the simulator builds fresh lists every tick).
 *
 * @param nowSeconds            seconds on the campaign clock (the shift starts at 0)
 * @param agents                logged-in agents, paused ones included
 * @param callsInFlight         placed calls not yet waiting for an agent
 * @param waitingCalls          answered calls waiting for an agent
 * @param maxLinesPerAgent      line cap per active (not paused) agent; lines = in flight + waiting + talking
 * @param ringTimeoutSeconds    unanswered calls are released after this
 * @param connectTimeoutSeconds a waiting call is abandoned (message played) after this
 * @param ledger                abandonment so far, as the dialer estimates it
 * @param maxAbandonRate        the regulatory cap, for example 0.03
 */
public record PacingSnapshot(
        double nowSeconds,
        List<AgentView> agents,
        List<CallInFlight> callsInFlight,
        List<WaitingCall> waitingCalls,
        double maxLinesPerAgent,
        double ringTimeoutSeconds,
        double connectTimeoutSeconds,
        AbandonLedger ledger,
        double maxAbandonRate) {

    public int count(AgentState state) {
        int n = 0;
        for (AgentView agent : agents) {
            if (agent.state() == state) {
                n++;
            }
        }
        return n;
    }

    public int readyAgents() {
        return count(AgentState.READY);
    }

    /** Agents not paused: they own lines under the cap. */
    public int activeAgents() {
        return agents.size() - count(AgentState.PAUSED);
    }

    public int lineCap() {
        return (int) Math.floor(maxLinesPerAgent * activeAgents() + 1e-9);
    }

    public int linesInUse() {
        return callsInFlight.size() + waitingCalls.size() + count(AgentState.TALKING);
    }

    public int freeLines() {
        return Math.max(0, lineCap() - linesInUse());
    }

    /** What a 1:1 progressive dialer would place now: ready agents not yet covered by a call. */
    public int progressiveCalls() {
        return Math.max(0, Math.min(freeLines(), readyAgents() - callsInFlight.size() - waitingCalls.size()));
    }
}
