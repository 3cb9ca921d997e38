package io.dialer.engine.pacing;

/**
 * Our pacer: for every horizon tau up to the time calls take to be answered, the agents expected to be free by tau must
 * cover the calls expected to reach the queue by tau (ringing calls by their conditional answer probability given how
 * long they have rung, plus the new calls), with a quantile safety margin z standard deviations wide. An
 * abandonment-budget controller widens z when the shift's abandonment runs above its set point and narrows it below.
 *
 * <p>Everything is learned online from observations. Until it has enough data, whenever the ledger is over the cap, and
 * whenever the last hour is close to the hourly limit (small teams: a few abandons make an hour), it dials
 * progressively. It never dials fewer calls than progressive would. Beyond that, a marginal-value rule places an extra
 * call only while the agent time it is expected to save is worth the abandonment it risks (see
 * {@link #ABANDON_PRICE_HANDLES}): the abandonment cap is a ceiling, not a target.
 */
public final class PredictivePacer implements Pacer {

    /** Below this many live answers the cap check uses this floor, so one early abandon does not stop overdialling. */
    static final double MIN_LEDGER_ANSWERS = 100;
    private static final int MAX_HORIZON = 60;
    /** No single hour may go above this abandonment rate (the notes' hourly guard). */
    static final double HOUR_LIMIT = 0.05;
    /** Standard deviations added to the last hour's estimated abandons for not knowing which drops were people. */
    static final double HOUR_DROP_Z = 1.0;
    /** Abandons kept back in the hourly budget, on top of the expected answers the ready agents cannot take. */
    static final double HOUR_RESERVE = 1.5;
    /** The margin widens by this many standard deviations divided by the abandons the hour can still take. */
    static final double HOUR_HEADROOM_Z = 1.5;
    /**
     * Price of one abandon in handle times of the conversation: an abandon must buy at least this many conversations'
     * worth of agent time. In rate terms, a point of abandonment is spent only where it buys about this many points of
     * utilization (times the utilization): a small team at a high answer rate, where progressive dialing already keeps
     * agents busy, stays near progressive instead of spending the cap for a few tenths of a point.
     */
    static final double ABANDON_PRICE_HANDLES = 4;
    /** A call reaching the queue can wait about this long for an agent who frees just after it. */
    private static final int CONNECT_SLACK_SECONDS = 1;

    private final PacerConfig config;
    private final CallOutcomeModel model;
    private final LearnedFinishTimes learned;
    private final FinishTimeForecast forecast;
    private final PacingAlgorithm algorithm;
    private final LedgerHistory hourly = new LedgerHistory(3600, 60);
    /** When queued calls were dropped in the last hour (humans and machines alike: the dialer cannot tell them apart). */
    private final java.util.ArrayDeque<Double> dropTimes = new java.util.ArrayDeque<>();

    private double[] curve = new double[0];
    private double[] supply = new double[0];
    private double[] supplyVariance = new double[0];
    private double[] demand = new double[0];
    private double[] demandVariance = new double[0];
    private double[] reachNew = new double[0];

    public PredictivePacer(PacerConfig config) {
        this(config, null, PacingAlgorithm.PREDICTIVE);
    }

    /**
     * @param exactFinishTimes a finish-time feed that replaces the learned one (SEMI_ORACLE), or null
     */
    public PredictivePacer(PacerConfig config, FinishTimeForecast exactFinishTimes, PacingAlgorithm algorithm) {
        this.config = config;
        this.model = new CallOutcomeModel(config);
        this.learned = new LearnedFinishTimes(model);
        this.forecast = exactFinishTimes != null ? exactFinishTimes : learned;
        this.algorithm = algorithm;
    }

    @Override
    public PacingAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void observe(PacingObservation observation) {
        model.observe(observation);
        if (observation instanceof PacingObservation.CallAbandoned) {
            dropTimes.addLast(observation.atSeconds());
        }
    }

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        int room = snapshot.freeLines();
        int progressive = snapshot.progressiveCalls();
        if (room <= 0) {
            return new PacingDecision.Hold("line cap reached");
        }
        if (!model.readyToPredict()) {
            return PacingDecision.dial(progressive, "progressive until enough calls are observed");
        }
        AbandonLedger ledger = snapshot.ledger();
        if (ledger.abandoned() > snapshot.maxAbandonRate() * Math.max(ledger.liveAnswers(), MIN_LEDGER_ANSWERS)) {
            return PacingDecision.dial(progressive, "progressive while abandonment is over the cap");
        }
        model.refresh(snapshot.nowSeconds());
        double z = safetyZ(snapshot);
        if (config.hourlyGuard()) {
            double headroom = hourHeadroom(snapshot);
            if (headroom <= HOUR_RESERVE) {
                return PacingDecision.dial(progressive, "progressive while the last hour is near the hourly limit");
            }
            z += HOUR_HEADROOM_Z / headroom;
        }
        int overdial = largestSafeCallCount(snapshot, room, z);
        int calls = Math.min(room, Math.max(progressive, overdial));
        return PacingDecision.dial(calls, "expected free agents cover expected answers");
    }

    /**
     * The hourly guard: no hour may exceed {@link #HOUR_LIMIT}. Returns how many more abandons the trailing hour can
     * take: the hour's allowance less an upper estimate of its abandons so far and the calls already placed that the
     * ready agents cannot take (those may still be abandoned whatever the pacer does next). The hour's denominator is
     * projected from the shift's answer rate so far (a quiet start of the window does not make one abandon look large;
     * 0.75 of it, as a clock hour can be partly outside the window), less one Poisson standard deviation. The pacer
     * turns progressive when at most {@link #HOUR_RESERVE} abandons are left and widens its margin as the headroom
     * shrinks, so a small team spends the hour's allowance gradually instead of alternating between full overdial and
     * progressive.
     */
    double hourHeadroom(PacingSnapshot snapshot) {
        AbandonLedger ledger = snapshot.ledger();
        AbandonLedger lastHour = hourly.lastHour(snapshot.nowSeconds(), ledger);
        double perHour = ledger.liveAnswers() * 3600 / Math.max(snapshot.nowSeconds(), 1800);
        double expected = Math.max(lastHour.liveAnswers(), 0.75 * perHour);
        // An hour's answers vary like a Poisson count: judge against one standard deviation fewer than expected.
        double projected = Math.max(0, expected - Math.sqrt(expected));
        while (!dropTimes.isEmpty() && dropTimes.peekFirst() < snapshot.nowSeconds() - 3600) {
            dropTimes.removeFirst();
        }
        // The ledger's hour holds an estimate (each drop counts by the share of humans); the true count can be higher.
        int drops = dropTimes.size();
        double share = drops > 0 ? clamp(lastHour.abandoned() / drops, 0, 1) : 0;
        double upper = lastHour.abandoned() + HOUR_DROP_Z * Math.sqrt(drops * share * (1 - share));
        return HOUR_LIMIT * projected - upper - answersBeyondReadyAgents(snapshot);
    }

    /** Calls already placed that are expected to need an agent, beyond the agents ready now: abandons still possible. */
    private double answersBeyondReadyAgents(PacingSnapshot snapshot) {
        double expected = snapshot.waitingCalls().size();
        for (CallInFlight call : snapshot.callsInFlight()) {
            expected += model.reachWithin(call.ageSeconds(), MAX_HORIZON);
        }
        return Math.max(0, expected - snapshot.readyAgents());
    }

    /** The abandonment set point: a margin under the cap that shrinks as the team grows (small teams are noisier). */
    double setPoint(PacingSnapshot snapshot) {
        if (!Double.isNaN(config.targetAbandonRate())) {
            return config.targetAbandonRate();
        }
        double agents = Math.max(1, snapshot.activeAgents());
        double size = Math.min(1, Math.max(0, Math.log10(agents / 5.0)));
        return snapshot.maxAbandonRate() * (0.60 + 0.13 * size);
    }

    /** The margin: wider while the shift's abandonment runs above the set point, narrower below it. */
    double safetyZ(PacingSnapshot snapshot) {
        AbandonLedger ledger = snapshot.ledger();
        double allowed = setPoint(snapshot) * ledger.liveAnswers();
        double error = (ledger.abandoned() - allowed) / Math.sqrt(allowed + 1);
        return config.baseSafetyZ() + clamp(config.budgetGain() * error, -1, 3);
    }

    private int largestSafeCallCount(PacingSnapshot snapshot, int room, double z) {
        int horizon = (int) Math.min(MAX_HORIZON, Math.ceil(model.reachHorizon()));
        prepare(horizon);
        for (AgentView agent : snapshot.agents()) {
            if (agent.state() == AgentState.READY) {
                for (int tau = 1; tau <= horizon; tau++) {
                    supply[tau] += 1;
                }
                continue;
            }
            if (agent.state() == AgentState.PAUSED) {
                continue;
            }
            forecast.freeWithin(agent, curve);
            for (int tau = 1; tau <= horizon; tau++) {
                double p = curve[tau + CONNECT_SLACK_SECONDS];
                supply[tau] += p;
                supplyVariance[tau] += p * (1 - p);
            }
        }
        int waiting = snapshot.waitingCalls().size();
        for (CallInFlight call : snapshot.callsInFlight()) {
            for (int tau = 1; tau <= horizon; tau++) {
                double q = model.reachWithin(call.ageSeconds(), tau);
                demand[tau] += q;
                demandVariance[tau] += q * (1 - q);
            }
        }
        for (int tau = 1; tau <= horizon; tau++) {
            demand[tau] += waiting;
            reachNew[tau] = model.reachWithin(tau);
        }
        int best = 0;
        for (int n = 0; n <= room; n++) {
            if (!coversAllHorizons(n, horizon, z)) {
                break;
            }
            best = n;
        }
        return worthwhileCallCount(best, horizon);
    }

    /**
     * The marginal-value rule: of the calls the margin allows, place the next one only while what it buys is worth what
     * it risks. It buys agent time: with the probability that it reaches the queue and finds an agent free, it spares
     * that agent the wait that a call placed only once the agent is free would need to reach the queue (learned: the
     * time to reach plus the failed attempts before it). It risks an abandon: the probability that it reaches the queue
     * with no agent free. An abandon is priced at {@link #ABANDON_PRICE_HANDLES} conversations' handle time, so the
     * pacer stops at the first call with P(agent free) x wait saved < P(no agent) x price. With low answer rates an
     * agent would wait long and overdialling pays; with high answer rates and short idle gaps it buys little and is not
     * placed. The cap is a ceiling, not a target.
     */
    private int worthwhileCallCount(int limit, int horizon) {
        double waitSaved = model.meanSecondsToReach();
        double abandonCost = ABANDON_PRICE_HANDLES * model.meanHandle();
        for (int k = 0; k < limit; k++) {
            double use = 0;
            double drop = 0;
            double previous = 0;
            for (int tau = 1; tau <= horizon; tau++) {
                double g = reachNew[tau];
                double arriving = g - previous;
                previous = g;
                if (arriving <= 0) {
                    continue;
                }
                double slack = supply[tau] - demand[tau] - k * g;
                double sd = Math.sqrt(supplyVariance[tau] + demandVariance[tau] + k * g * (1 - g));
                // the call finds an agent if the agents free by then outnumber the calls ahead of it (continuity-corrected)
                double free = normalCdf((slack - 0.5) / Math.max(sd, 1e-6));
                use += arriving * free;
                drop += arriving * (1 - free);
            }
            if (use * waitSaved < drop * abandonCost) {
                return k;
            }
        }
        return limit;
    }

    /** Standard normal CDF (Abramowitz and Stegun 7.1.26, absolute error below 1e-7). */
    static double normalCdf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double tail = 0.5 * poly * Math.exp(-x * x / 2);
        return x >= 0 ? 1 - tail : tail;
    }

    private boolean coversAllHorizons(int n, int horizon, double z) {
        for (int tau = 1; tau <= horizon; tau++) {
            double g = reachNew[tau];
            double slack = supply[tau] - demand[tau] - n * g;
            double sd = Math.sqrt(supplyVariance[tau] + demandVariance[tau] + n * g * (1 - g));
            if (slack < z * sd) {
                return false;
            }
        }
        return true;
    }

    private void prepare(int horizon) {
        int size = horizon + 1;
        if (supply.length != size) {
            supply = new double[size];
            supplyVariance = new double[size];
            demand = new double[size];
            demandVariance = new double[size];
            reachNew = new double[size];
        } else {
            java.util.Arrays.fill(supply, 0);
            java.util.Arrays.fill(supplyVariance, 0);
            java.util.Arrays.fill(demand, 0);
            java.util.Arrays.fill(demandVariance, 0);
        }
        if (curve.length != size + CONNECT_SLACK_SECONDS) {
            curve = new double[size + CONNECT_SLACK_SECONDS];
        }
        learned.prepare(horizon + CONNECT_SLACK_SECONDS);
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
