package io.dialer.engine.pacing;

import java.util.ArrayList;
import java.util.List;

/** Test builder for pacing snapshots. */
final class Snapshots {

    private final List<AgentView> agents = new ArrayList<>();
    private final List<CallInFlight> ringing = new ArrayList<>();
    private final List<WaitingCall> waiting = new ArrayList<>();
    private AbandonLedger ledger = AbandonLedger.EMPTY;
    private double now = 600;

    static Snapshots aSnapshot() {
        return new Snapshots();
    }

    Snapshots at(double seconds) {
        now = seconds;
        return this;
    }

    Snapshots agents(int count, AgentState state, double elapsed) {
        for (int i = 0; i < count; i++) {
            agents.add(new AgentView(agents.size(), state, elapsed));
        }
        return this;
    }

    Snapshots ringing(int count, double age) {
        for (int i = 0; i < count; i++) {
            ringing.add(new CallInFlight(age));
        }
        return this;
    }

    Snapshots waiting(int count) {
        for (int i = 0; i < count; i++) {
            waiting.add(new WaitingCall(0.5));
        }
        return this;
    }

    Snapshots ledger(double liveAnswers, double abandoned) {
        ledger = new AbandonLedger(liveAnswers, abandoned);
        return this;
    }

    PacingSnapshot build() {
        return new PacingSnapshot(now, agents, ringing, waiting, 3.0, 25, 2, ledger, 0.03);
    }
}
