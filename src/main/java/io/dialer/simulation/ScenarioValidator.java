package io.dialer.simulation;

import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.sim.Regulation;
import io.dialer.engine.sim.Scenario;
import io.dialer.platform.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a {@link SimulationRequest} into a {@link Scenario} with its defaults, or lists every bad field at once.
 *
 * <p>Besides per-field ranges, one request may ask for at most {@link #MAX_WORK} units of work:
 * {@code agents × shiftSeconds × seeds × Σ weight(algorithm)}, an estimate of the simulated agent-seconds weighted by
 * each algorithm's measured cost on one core: PROGRESSIVE, VICIDIAL_ADAPTIVE and ERLANG 1, ORACLE 3, PREDICTIVE and
 * SEMI_ORACLE 8, FIXED_RATIO 9 (it is simulated once per swept ratio). Measured on the 2-core dev machine, one core
 * does about 1e7 units per second (the reference scenario with 2 seeds: 8.9e7 units in 8.5 s), so the cap keeps one
 * simulation within a few minutes of one core. The reference scenario (50 agents, 8 h, 30 seeds, all seven
 * algorithms) is 1.34e9 units (about 2 minutes) and fits.
 */
final class ScenarioValidator {

    /** Upper bound of agents × shiftSeconds × seeds × Σ weight(algorithm) for one request. */
    static final double MAX_WORK = 1.5e9;
    static final double MIX_TOLERANCE = 0.01;

    /** The outcome: the scenario with defaults, or the errors (never both). */
    record Outcome(Scenario scenario, List<FieldError> errors) {
    }

    private final List<FieldError> errors = new ArrayList<>();

    private ScenarioValidator() {
    }

    static Outcome validate(SimulationRequest r) {
        return new ScenarioValidator().run(r);
    }

    /** Relative cost of one seed of an algorithm per agent-second (FIXED_RATIO: its 9-ratio sweep). */
    static int weight(PacingAlgorithm a) {
        return switch (a) {
            case PROGRESSIVE, VICIDIAL_ADAPTIVE, ERLANG -> 1;
            case ORACLE -> 3;
            case PREDICTIVE, SEMI_ORACLE -> 8;
            case FIXED_RATIO -> 9;
        };
    }

    /** Work units a scenario (with defaults) asks for. */
    static double work(Scenario s) {
        int weights = 0;
        for (PacingAlgorithm a : s.algorithms()) {
            weights += weight(a);
        }
        return (double) s.agents() * s.shiftSeconds() * s.seeds() * weights;
    }

    private Outcome run(SimulationRequest r) {
        Regulation regulation = null;
        if (r.regulation() != null) {
            try {
                regulation = Regulation.valueOf(r.regulation().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                add("regulation", "invalid_value", "must be US or UK");
            }
        }
        List<PacingAlgorithm> algorithms = null;
        if (r.algorithms() != null) {
            algorithms = new ArrayList<>();
            Set<PacingAlgorithm> seen = new HashSet<>();
            for (int i = 0; i < r.algorithms().size(); i++) {
                String name = r.algorithms().get(i);
                PacingAlgorithm a = algorithm(name);
                if (a == null) {
                    add("algorithms[" + i + "]", "invalid_value", "must be one of " + List.of(PacingAlgorithm.values()));
                } else if (!seen.add(a)) {
                    add("algorithms[" + i + "]", "duplicate", a + " is listed twice");
                } else {
                    algorithms.add(a);
                }
            }
        }
        Scenario raw = new Scenario(r.agents(), r.shiftSeconds(), r.warmupSeconds(), r.seeds(), r.seed(), r.mix(),
                r.timeToAnswerSeconds(), r.machineAnswerSeconds(), r.talkSeconds(), r.wrapSeconds(), r.patienceSeconds(),
                r.ringTimeoutSeconds(), r.maxLinesPerAgent(), regulation, r.maxAbandonRate(), r.connectTimeoutSeconds(),
                cleanAmd(r.amd()), withoutNulls(r.liveRateByHour()), r.stepChange(), r.agentPauses(), algorithms,
                r.callingWindows() == null ? null : r.callingWindows().stream()
                        .filter(w -> w != null && w.fromSeconds() != null && w.toSeconds() != null).toList());
        checkRaw(r);
        Scenario s = withDefaults(raw);
        if (s != null) {
            checkRanges(s);
        }
        if (errors.isEmpty() && work(s) > MAX_WORK) {
            add("scenario", "too_large", String.format(Locale.ROOT, "agents × shiftSeconds × seeds × algorithm weights "
                    + "(PROGRESSIVE, VICIDIAL_ADAPTIVE, ERLANG 1; ORACLE 3; PREDICTIVE, SEMI_ORACLE 8; FIXED_RATIO 9) is %.3g; "
                    + "at most %.3g per simulation: use fewer seeds, agents or algorithms, or a shorter shift",
                    work(s), MAX_WORK));
        }
        return errors.isEmpty() ? new Outcome(s, List.of()) : new Outcome(null, List.copyOf(errors));
    }

    /** Nulls inside lists are reported by {@link #checkRaw} and left out so the other checks still run. */
    private static <T> List<T> withoutNulls(List<T> list) {
        return list == null ? null : list.stream().filter(java.util.Objects::nonNull).toList();
    }

    private static Scenario.Amd cleanAmd(Scenario.Amd amd) {
        if (amd == null || amd.decisionSeconds() == null) {
            return amd;
        }
        List<Double> d = amd.decisionSeconds();
        boolean ok = d.size() == 2 && d.get(0) != null && d.get(1) != null;
        return new Scenario.Amd(amd.enabled(), amd.falsePositive(), amd.falseNegative(), ok ? d : null);
    }

    private static PacingAlgorithm algorithm(String name) {
        if (name == null) {
            return null;
        }
        try {
            return PacingAlgorithm.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Checks what {@link Scenario#withDefaults()} would silently repair or drop. */
    private void checkRaw(SimulationRequest r) {
        if (r.amd() != null && r.amd().decisionSeconds() != null) {
            List<Double> d = r.amd().decisionSeconds();
            if (d.size() != 2 || d.get(0) == null || d.get(1) == null) {
                add("amd.decisionSeconds", "invalid_value", "must be [min, max], two numbers of seconds");
            }
        }
        if (r.stepChange() != null && r.stepChange().atSeconds() == null) {
            add("stepChange.atSeconds", "required", "is required with a stepChange");
        }
        if (r.liveRateByHour() != null) {
            for (int i = 0; i < r.liveRateByHour().size(); i++) {
                if (r.liveRateByHour().get(i) == null) {
                    add("liveRateByHour[" + i + "]", "required", "must be a number");
                }
            }
        }
        if (r.callingWindows() != null) {
            for (int i = 0; i < r.callingWindows().size(); i++) {
                Scenario.CallingWindow w = r.callingWindows().get(i);
                if (w == null || w.fromSeconds() == null) {
                    add("callingWindows[" + i + "].fromSeconds", "required", "is required");
                }
                if (w == null || w.toSeconds() == null) {
                    add("callingWindows[" + i + "].toSeconds", "required", "is required");
                }
            }
        }
    }

    private Scenario withDefaults(Scenario raw) {
        try {
            return raw.withDefaults();
        } catch (RuntimeException e) {
            // e.g. a null inside a list handed to List.copyOf: already reported by checkRaw
            if (errors.isEmpty()) {
                add("scenario", "invalid_value", "cannot be read: " + e.getMessage());
            }
            return null;
        }
    }

    private void checkRanges(Scenario s) {
        range("agents", s.agents(), 1, 2000);
        range("shiftSeconds", s.shiftSeconds(), 60, 86_400);
        boolean shiftOk = s.shiftSeconds() >= 60 && s.shiftSeconds() <= 86_400;
        double shift = s.shiftSeconds();
        if (s.warmupSeconds() < 0 || (shiftOk && s.warmupSeconds() > shift / 2)) {
            add("warmupSeconds", "out_of_range", "must be between 0 and half of shiftSeconds (" + shift / 2
                    + "); the default is 900, so give it for shifts under 1800 s");
        }
        range("seeds", s.seeds(), 1, 100);

        Scenario.Mix m = s.mix();
        boolean shares = range("mix.live", m.live(), 0, 1) & range("mix.machine", m.machine(), 0, 1)
                & range("mix.noAnswer", m.noAnswer(), 0, 1) & range("mix.busy", m.busy(), 0, 1)
                & range("mix.invalid", m.invalid(), 0, 1);
        if (shares) {
            double sum = m.live() + m.machine() + m.noAnswer() + m.busy() + m.invalid();
            if (Math.abs(sum - 1) > MIX_TOLERANCE) {
                add("mix", "invalid_sum", String.format(Locale.ROOT, "live + machine + noAnswer + busy + invalid must be 1 "
                        + "(±%.2f) but is %.4f; missing shares take their defaults (0.30, 0.25, 0.35, 0.05, 0.05)",
                        MIX_TOLERANCE, sum));
            }
            if (m.live() <= 0) {
                add("mix.live", "out_of_range", "must be above 0: without live answers there is nothing to pace");
            }
        }
        logNormal("timeToAnswerSeconds", s.timeToAnswerSeconds(), 120);
        logNormal("machineAnswerSeconds", s.machineAnswerSeconds(), 120);
        logNormal("patienceSeconds", s.patienceSeconds(), 600);
        positive("talkSeconds.mean", s.talkSeconds().mean(), 7200);
        range("talkSeconds.cv", s.talkSeconds().cv(), 0, 5);
        range("talkSeconds.shortShare", s.talkSeconds().shortShare(), 0, 1);
        positive("talkSeconds.shortMedian", s.talkSeconds().shortMedian(), 3600);
        range("wrapSeconds.mean", s.wrapSeconds().mean(), 0, 3600);
        range("wrapSeconds.cv", s.wrapSeconds().cv(), 0, 5);
        range("ringTimeoutSeconds", s.ringTimeoutSeconds(), 5, 120);
        range("maxLinesPerAgent", s.maxLinesPerAgent(), 1, 10);
        range("maxAbandonRate", s.maxAbandonRate(), 0, 0.5);
        range("connectTimeoutSeconds", s.connectTimeoutSeconds(), 0, 30);

        Scenario.Amd amd = s.amd();
        range("amd.falsePositive", amd.falsePositive(), 0, 1);
        range("amd.falseNegative", amd.falseNegative(), 0, 1);
        List<Double> decision = amd.decisionSeconds();
        if (decision.size() == 2 && decision.get(0) != null && decision.get(1) != null
                && (decision.get(0) < 0 || decision.get(1) > 30 || decision.get(0) > decision.get(1))) {
            add("amd.decisionSeconds", "out_of_range", "must be [min, max] with 0 <= min <= max <= 30");
        }

        if (s.liveRateByHour().size() > 24) {
            add("liveRateByHour", "too_many", "at most 24 hourly multipliers (the last one repeats)");
        }
        for (int i = 0; i < s.liveRateByHour().size(); i++) {
            Double v = s.liveRateByHour().get(i);
            if (v != null) {
                range("liveRateByHour[" + i + "]", v, 0, 10);
            }
        }
        Scenario.StepChange step = s.stepChange();
        if (step != null) {
            range("stepChange.atSeconds", step.atSeconds(), 0, shiftOk ? shift : 86_400);
            range("stepChange.liveFactor", step.liveFactor(), 0, 10);
        }
        Scenario.AgentPauses pauses = s.agentPauses();
        range("agentPauses.fraction", pauses.fraction(), 0, 1);
        boolean min = range("agentPauses.minSeconds", pauses.minSeconds(), 0, shiftOk ? shift : 86_400);
        if (range("agentPauses.maxSeconds", pauses.maxSeconds(), 0, shiftOk ? shift : 86_400) && min
                && pauses.maxSeconds() < pauses.minSeconds()) {
            add("agentPauses.maxSeconds", "out_of_range", "must not be below agentPauses.minSeconds");
        }
        if (s.callingWindows().size() > 100) {
            add("callingWindows", "too_many", "at most 100 calling windows");
        }
        for (int i = 0; i < s.callingWindows().size(); i++) {
            Scenario.CallingWindow w = s.callingWindows().get(i);
            if (w.fromSeconds() == null || w.toSeconds() == null) {
                continue;
            }
            if (w.fromSeconds() < 0 || w.toSeconds() <= w.fromSeconds() || (shiftOk && w.toSeconds() > shift)) {
                add("callingWindows[" + i + "]", "out_of_range", "must satisfy 0 <= fromSeconds < toSeconds <= shiftSeconds");
            }
        }
    }

    private void logNormal(String field, Scenario.LogNormal d, double maxMedian) {
        positive(field + ".median", d.median(), maxMedian);
        range(field + ".sigma", d.sigma(), 0, 3);
    }

    private boolean positive(String field, double value, double max) {
        if (!(value > 0 && value <= max)) {
            add(field, "out_of_range", "must be above 0 and at most " + number(max));
            return false;
        }
        return true;
    }

    private boolean range(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            add(field, "out_of_range", "must be between " + number(min) + " and " + number(max));
            return false;
        }
        return true;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private void add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }
}
