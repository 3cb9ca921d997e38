package io.dialer.engine.pacing;

/**
 * What the pacer has learned online: how long placed calls take to reach the agent queue or to fail, and how long agents
 * talk and wrap up. Built only from {@link PacingObservation}s. Lookups go through tables rebuilt at most every
 * {@link #TABLE_REFRESH_SECONDS}, which keeps a decision cheap.
 */
final class CallOutcomeModel {

    private static final int MIN_RESOLVED = 40;
    private static final int MIN_REACHED = 8;
    private static final int MIN_SERVICE = 8;
    private static final double TABLE_REFRESH_SECONDS = 5;
    /**
     * Half-life, in ended talks, of the share of talks followed by wrap-up (people rather than machines the agent
     * dispositions straight away). The durations change slowly, but this mix moves with the answer rate: when a new
     * list halves the live rate, agents meet more machines and free up sooner, and a forecast that learned the mix as
     * slowly as the durations kept underdialling for ten minutes.
     */
    static final double SERVICE_MIX_HALF_LIFE = 150;

    private final DecayClock answerClock;
    private final DecayedHistogram reached;
    private final DecayedHistogram failed;
    private final DecayedHistogram talk;
    private final DecayedHistogram talkWithoutWrap;
    private final DecayedHistogram wrap;
    private final Tabulated reachedMass = new Tabulated(0.5, 241);
    private final Tabulated failedMass = new Tabulated(0.5, 241);
    private final Tabulated talkThenWrapTail = new Tabulated(1.0, 7201);
    private final Tabulated talkOnlyTail = new Tabulated(1.0, 7201);
    private final Tabulated wrapSurvival = new Tabulated(1.0, 2401);
    private final double mixDecay = Math.pow(0.5, 1 / SERVICE_MIX_HALF_LIFE);
    private double recentWrapUps;
    private double recentTalkEnds;
    private double reachedTotal;
    private double resolvedTotal;
    private double horizon;
    private double tablesBuiltAt = Double.NEGATIVE_INFINITY;
    private boolean changed = true;

    CallOutcomeModel(PacerConfig config) {
        answerClock = new DecayClock(config.answerHalfLifeCalls());
        reached = new DecayedHistogram(answerClock, 0.5, 240);
        failed = new DecayedHistogram(answerClock, 0.5, 240);
        DecayClock talkClock = new DecayClock(config.serviceHalfLifeCalls());
        talk = new DecayedHistogram(talkClock, 1.0, 3600);
        talkWithoutWrap = new DecayedHistogram(talkClock, 1.0, 3600);
        wrap = new DecayedHistogram(new DecayClock(config.serviceHalfLifeCalls()), 1.0, 1200);
    }

    void observe(PacingObservation observation) {
        if (observation instanceof PacingObservation.CallReachedQueue r) {
            reached.add(r.secondsAfterDial(), answerClock.next());
        } else if (observation instanceof PacingObservation.CallFailed f) {
            failed.add(f.secondsAfterDial(), answerClock.next());
        } else if (observation instanceof PacingObservation.TalkEnded t) {
            (t.wrapUpFollows() ? talk : talkWithoutWrap).add(t.talkSeconds());
            recentWrapUps = recentWrapUps * mixDecay + (t.wrapUpFollows() ? 1 : 0);
            recentTalkEnds = recentTalkEnds * mixDecay + 1;
        } else if (observation instanceof PacingObservation.WrapEnded w) {
            wrap.add(w.wrapSeconds());
        } else {
            return;
        }
        changed = true;
    }

    boolean readyToPredict() {
        return reached.count() + failed.count() >= MIN_RESOLVED && reached.count() >= MIN_REACHED
                && talk.count() + talkWithoutWrap.count() >= MIN_SERVICE && wrap.count() >= MIN_SERVICE;
    }

    /** Rebuilds the lookup tables if there is news and they are older than the refresh period. */
    void refresh(double now) {
        if (!changed || now - tablesBuiltAt < TABLE_REFRESH_SECONDS) {
            return;
        }
        reached.massTable(reachedMass.values());
        failed.massTable(failedMass.values());
        talk.tailMassTable(talkThenWrapTail.values(), talk.priorWeight());
        talkWithoutWrap.tailMassTable(talkOnlyTail.values(), 0);
        double share = wrapUpShare();
        scale(talkThenWrapTail.values(), share / (talk.total() + talk.priorWeight()));
        scale(talkOnlyTail.values(), talkWithoutWrap.total() > 0 ? (1 - share) / talkWithoutWrap.total() : 0);
        wrap.survivalTable(wrapSurvival.values());
        reachedTotal = reached.total();
        resolvedTotal = reached.total() + failed.total();
        horizon = reached.upperSupport(0.002);
        tablesBuiltAt = now;
        changed = false;
    }

    /** Share of placed calls that reach the agent queue. */
    double reachProbability() {
        double all = reached.total() + failed.total();
        return all > 0 ? reached.total() / all : 0;
    }

    /** P(a call placed now reaches the queue within {@code seconds}). */
    double reachWithin(double seconds) {
        return resolvedTotal > 0 ? reachedMass.at(seconds) / resolvedTotal : 0;
    }

    /** P(a call still in flight at {@code age} reaches the queue within the next {@code seconds}). */
    double reachWithin(double age, double seconds) {
        double reachedBefore = reachedMass.at(age);
        double pending = reachedTotal - reachedBefore + (resolvedTotal - reachedTotal) - failedMass.at(age);
        if (pending <= 1e-9 * resolvedTotal) {
            return 0;
        }
        return Math.max(0, reachedMass.at(age + seconds) - reachedBefore) / pending;
    }

    /**
     * Expected seconds from placing calls one at a time (one line, as a progressive dialer does for a freed agent) until
     * one reaches the queue: the reaching call's own time plus the failed attempts before it.
     */
    double meanSecondsToReach() {
        double p = reachProbability();
        if (p <= 0) {
            return 0;
        }
        return reached.mean() + (1 - p) / p * failed.mean();
    }

    /** Seconds after dialling by which almost every reaching call has reached the queue. */
    double reachHorizon() {
        return horizon;
    }

    double meanTalk() {
        double share = wrapUpShare();
        return share * talk.mean() + (1 - share) * talkWithoutWrap.mean();
    }

    /** Mean agent time per connected call: talk, plus wrap-up when one follows. */
    double meanHandle() {
        return talk.count() + talkWithoutWrap.count() > 0 ? meanTalk() + wrap.mean() * wrapUpShare() : 0;
    }

    /** Share of recent talks followed by wrap-up, learned faster than the durations (see {@link #SERVICE_MIX_HALF_LIFE}). */
    double wrapUpShare() {
        if (recentTalkEnds > 0) {
            return recentWrapUps / recentTalkEnds;
        }
        double all = talk.total() + talkWithoutWrap.total();
        return all > 0 ? talk.total() / all : 1;
    }

    private static void scale(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
    }

    double meanWrap() {
        return wrap.mean();
    }

    /** Un-normalised weight of talks longer than x that end in wrap-up (with a small prior tail). */
    Tabulated talkThenWrapTail() {
        return talkThenWrapTail;
    }

    /** Un-normalised weight of talks longer than x after which the agent is straight back to ready. */
    Tabulated talkOnlyTail() {
        return talkOnlyTail;
    }

    Tabulated wrapSurvival() {
        return wrapSurvival;
    }
}
