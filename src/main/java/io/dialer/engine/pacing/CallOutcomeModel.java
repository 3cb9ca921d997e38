package io.dialer.engine.pacing;

/**
 * What the pacer has learned online: how long placed calls take to reach the agent queue or to fail, and how long agents
 * talk and wrap up. Built only from {@link PacingObservation}s.
 */
final class CallOutcomeModel {

    private static final int MIN_RESOLVED = 40;
    private static final int MIN_REACHED = 8;
    private static final int MIN_SERVICE = 8;

    private final DecayedHistogram reached;
    private final DecayedHistogram failed;
    private final DecayedHistogram talk;
    private final DecayedHistogram wrap;
    private final DecayClock reachedClock;

    CallOutcomeModel(PacerConfig config) {
        DecayClock answerClock = new DecayClock(config.answerHalfLifeCalls());
        reached = new DecayedHistogram(answerClock, 0.5, 240);
        failed = new DecayedHistogram(answerClock, 0.5, 240);
        reachedClock = answerClock;
        DecayClock talkClock = new DecayClock(config.serviceHalfLifeCalls());
        talk = new DecayedHistogram(talkClock, 1.0, 3600);
        DecayClock wrapClock = new DecayClock(config.serviceHalfLifeCalls());
        wrap = new DecayedHistogram(wrapClock, 1.0, 1200);
    }

    void observe(PacingObservation observation) {
        if (observation instanceof PacingObservation.CallReachedQueue r) {
            reached.add(r.secondsAfterDial(), reachedClock.next());
        } else if (observation instanceof PacingObservation.CallFailed f) {
            failed.add(f.secondsAfterDial(), reachedClock.next());
        } else if (observation instanceof PacingObservation.TalkEnded t) {
            talk.add(t.talkSeconds());
        } else if (observation instanceof PacingObservation.WrapEnded w) {
            wrap.add(w.wrapSeconds());
        }
    }

    boolean readyToPredict() {
        return reached.count() + failed.count() >= MIN_RESOLVED && reached.count() >= MIN_REACHED
                && talk.count() >= MIN_SERVICE && wrap.count() >= MIN_SERVICE;
    }

    /** Share of placed calls that reach the agent queue. */
    double reachProbability() {
        double all = reached.total() + failed.total();
        return all > 0 ? reached.total() / all : 0;
    }

    /** P(a call placed now reaches the queue within {@code seconds}). */
    double reachWithin(double seconds) {
        double all = reached.total() + failed.total();
        return all > 0 ? reached.massBelow(seconds) / all : 0;
    }

    /** P(a call still in flight at {@code age} reaches the queue within the next {@code seconds}). */
    double reachWithin(double age, double seconds) {
        double reachedBefore = reached.massBelow(age);
        double pending = reached.total() - reachedBefore + failed.total() - failed.massBelow(age);
        if (pending <= 1e-12 * (reached.total() + failed.total())) {
            return 0;
        }
        return Math.max(0, reached.massBelow(age + seconds) - reachedBefore) / pending;
    }

    /** Seconds after dialling by which almost every reaching call has reached the queue. */
    double reachHorizon() {
        return reached.upperSupport(0.002);
    }

    double meanTalk() {
        return talk.mean();
    }

    double meanWrap() {
        return wrap.mean();
    }

    DecayedHistogram talk() {
        return talk;
    }

    DecayedHistogram wrap() {
        return wrap;
    }
}
