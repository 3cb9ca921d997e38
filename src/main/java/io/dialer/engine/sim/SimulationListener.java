package io.dialer.engine.sim;

/** Hooks into a run, for invariant checks in tests. All default to no-ops. */
public interface SimulationListener {

    default void dialed(double time, LeadFate lead, Outcome outcome, int linesInUse, int lineCap) {
    }

    default void callFailed(double time, LeadFate lead, double secondsAfterDial) {
    }

    default void callReachedQueue(double time, LeadFate lead, double secondsAfterDial) {
    }

    default void callAbandoned(double time, LeadFate lead, double waitedSeconds, boolean live) {
    }

    default void callConnected(double time, LeadFate lead, double waitedSeconds, boolean live) {
    }
}
