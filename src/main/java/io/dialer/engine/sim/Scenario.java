package io.dialer.engine.sim;

import io.dialer.engine.pacing.PacingAlgorithm;
import java.util.Arrays;
import java.util.List;

/**
 * A what-if scenario. Component names are the JSON field names of {@code POST /v1/simulations}; every field may be
 * missing (null) and {@link #withDefaults()} fills it. Times are seconds; distributions are lognormal.
 *
 * <p>Defaults (the research notes' base case):
 * <ul>
 *   <li>{@code agents} 50, {@code shiftSeconds} 28800, {@code warmupSeconds} 900 (excluded from metrics),
 *       {@code seeds} 30, {@code seed} 1 (seeds used: seed, seed+1, ...);</li>
 *   <li>{@code mix} live 0.30, machine 0.25, noAnswer 0.35, busy 0.05, invalid 0.05 (normalised to sum 1);</li>
 *   <li>{@code timeToAnswerSeconds} median 8, sigma 0.5; {@code machineAnswerSeconds} median 18, sigma 0.3; anything
 *       that would answer after the ring timeout is a no-answer; busy holds U(1,4) s, invalid U(1,3) s;</li>
 *   <li>{@code talkSeconds} mean 150, cv 1.0, plus the optional extension {@code shortShare} 0 and
 *       {@code shortMedian} 15 (a share of short calls, lognormal sigma 0.5, mixed in: profile C);</li>
 *   <li>{@code wrapSeconds} mean 30, cv 0.5; {@code patienceSeconds} median 3, sigma 0.6;</li>
 *   <li>{@code ringTimeoutSeconds} 25, {@code maxLinesPerAgent} 3, {@code regulation} US, {@code maxAbandonRate}
 *       0.03, {@code connectTimeoutSeconds} 2;</li>
 *   <li>{@code amd} enabled false, falsePositive 0.01, falseNegative 0.15, decisionSeconds [2.5, 5]. With AMD off,
 *       machines reach agents, who spend 8 s on them (counted as talk, not as contacts);</li>
 *   <li>{@code liveRateByHour} empty (all 1; the last entry repeats); {@code stepChange} none (a liveFactor multiplies
 *       the live rate from atSeconds on); {@code agentPauses} fraction 0, minSeconds 300, maxSeconds 900 (that share
 *       of agents takes one break at a random time);</li>
 *   <li>{@code algorithms} all seven;</li>
 *   <li>{@code callingWindows} (extension) empty = dialling allowed for the whole shift; otherwise dialling is allowed
 *       only inside the listed [fromSeconds, toSeconds) intervals.</li>
 * </ul>
 */
public record Scenario(
        Integer agents,
        Double shiftSeconds,
        Double warmupSeconds,
        Integer seeds,
        Long seed,
        Mix mix,
        LogNormal timeToAnswerSeconds,
        LogNormal machineAnswerSeconds,
        TalkTime talkSeconds,
        MeanCv wrapSeconds,
        LogNormal patienceSeconds,
        Double ringTimeoutSeconds,
        Double maxLinesPerAgent,
        Regulation regulation,
        Double maxAbandonRate,
        Double connectTimeoutSeconds,
        Amd amd,
        List<Double> liveRateByHour,
        StepChange stepChange,
        AgentPauses agentPauses,
        List<PacingAlgorithm> algorithms,
        List<CallingWindow> callingWindows) {

    /** Outcome shares per dial. */
    public record Mix(Double live, Double machine, Double noAnswer, Double busy, Double invalid) {
        Mix withDefaults() {
            return new Mix(or(live, 0.30), or(machine, 0.25), or(noAnswer, 0.35), or(busy, 0.05), or(invalid, 0.05));
        }
    }

    /** Lognormal by median and sigma of the log. */
    public record LogNormal(Double median, Double sigma) {
        LogNormal withDefaults(double defaultMedian, double defaultSigma) {
            return new LogNormal(or(median, defaultMedian), or(sigma, defaultSigma));
        }
    }

    /** Lognormal by mean and coefficient of variation. */
    public record MeanCv(Double mean, Double cv) {
        MeanCv withDefaults(double defaultMean, double defaultCv) {
            return new MeanCv(or(mean, defaultMean), or(cv, defaultCv));
        }
    }

    /** Talk time: lognormal (mean, cv), optionally mixed with a share of short calls (median shortMedian). */
    public record TalkTime(Double mean, Double cv, Double shortShare, Double shortMedian) {
        TalkTime withDefaults() {
            return new TalkTime(or(mean, 150.0), or(cv, 1.0), or(shortShare, 0.0), or(shortMedian, 15.0));
        }
    }

    public record Amd(Boolean enabled, Double falsePositive, Double falseNegative, List<Double> decisionSeconds) {
        Amd withDefaults() {
            List<Double> decision = decisionSeconds == null || decisionSeconds.size() < 2 ? List.of(2.5, 5.0) : decisionSeconds;
            return new Amd(or(enabled, false), or(falsePositive, 0.01), or(falseNegative, 0.15), List.copyOf(decision));
        }
    }

    public record StepChange(Double atSeconds, Double liveFactor) {
    }

    public record AgentPauses(Double fraction, Double minSeconds, Double maxSeconds) {
        AgentPauses withDefaults() {
            return new AgentPauses(or(fraction, 0.0), or(minSeconds, 300.0), or(maxSeconds, 900.0));
        }
    }

    public record CallingWindow(Double fromSeconds, Double toSeconds) {
    }

    /** The base case with every default. */
    public static Scenario defaults() {
        return new Scenario(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null).withDefaults();
    }

    public Scenario withDefaults() {
        return new Scenario(
                or(agents, 50),
                or(shiftSeconds, 28_800.0),
                or(warmupSeconds, 900.0),
                or(seeds, 30),
                or(seed, 1L),
                (mix == null ? new Mix(null, null, null, null, null) : mix).withDefaults(),
                (timeToAnswerSeconds == null ? new LogNormal(null, null) : timeToAnswerSeconds).withDefaults(8, 0.5),
                (machineAnswerSeconds == null ? new LogNormal(null, null) : machineAnswerSeconds).withDefaults(18, 0.3),
                (talkSeconds == null ? new TalkTime(null, null, null, null) : talkSeconds).withDefaults(),
                (wrapSeconds == null ? new MeanCv(null, null) : wrapSeconds).withDefaults(30, 0.5),
                (patienceSeconds == null ? new LogNormal(null, null) : patienceSeconds).withDefaults(3, 0.6),
                or(ringTimeoutSeconds, 25.0),
                or(maxLinesPerAgent, 3.0),
                or(regulation, Regulation.US),
                or(maxAbandonRate, 0.03),
                or(connectTimeoutSeconds, 2.0),
                (amd == null ? new Amd(null, null, null, null) : amd).withDefaults(),
                liveRateByHour == null ? List.of() : List.copyOf(liveRateByHour),
                stepChange == null || stepChange.atSeconds() == null ? null
                        : new StepChange(stepChange.atSeconds(), or(stepChange.liveFactor(), 0.5)),
                (agentPauses == null ? new AgentPauses(null, null, null) : agentPauses).withDefaults(),
                algorithms == null || algorithms.isEmpty() ? Arrays.asList(PacingAlgorithm.values()) : List.copyOf(algorithms),
                callingWindows == null ? List.of() : List.copyOf(callingWindows));
    }

    // ---- convenience copies for benchmarks and tests (the scenario must already have its defaults) ----

    public Scenario withAgents(int n) {
        return new Scenario(n, shiftSeconds, warmupSeconds, seeds, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent, regulation, maxAbandonRate,
                connectTimeoutSeconds, amd, liveRateByHour, stepChange, agentPauses, algorithms, callingWindows);
    }

    public Scenario withShift(double shift, double warmup, int seedCount) {
        return new Scenario(agents, shift, warmup, seedCount, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent, regulation, maxAbandonRate,
                connectTimeoutSeconds, amd, liveRateByHour, stepChange, agentPauses, algorithms, callingWindows);
    }

    public Scenario withSeed(long firstSeed) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, firstSeed, mix, timeToAnswerSeconds,
                machineAnswerSeconds, talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent,
                regulation, maxAbandonRate, connectTimeoutSeconds, amd, liveRateByHour, stepChange, agentPauses, algorithms,
                callingWindows);
    }

    public Scenario withMix(Mix newMix) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, seed, newMix.withDefaults(), timeToAnswerSeconds,
                machineAnswerSeconds, talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent,
                regulation, maxAbandonRate, connectTimeoutSeconds, amd, liveRateByHour, stepChange, agentPauses, algorithms,
                callingWindows);
    }

    public Scenario withService(TalkTime talk, MeanCv wrap) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talk.withDefaults(), wrap.withDefaults(30, 0.5), patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent,
                regulation, maxAbandonRate, connectTimeoutSeconds, amd, liveRateByHour, stepChange, agentPauses, algorithms,
                callingWindows);
    }

    public Scenario withAmd(Amd newAmd) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent, regulation, maxAbandonRate,
                connectTimeoutSeconds, newAmd.withDefaults(), liveRateByHour, stepChange, agentPauses, algorithms,
                callingWindows);
    }

    public Scenario withStepChange(StepChange step) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent, regulation, maxAbandonRate,
                connectTimeoutSeconds, amd, liveRateByHour, step, agentPauses, algorithms, callingWindows);
    }

    public Scenario withRegulation(Regulation newRegulation) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent, newRegulation, maxAbandonRate,
                connectTimeoutSeconds, amd, liveRateByHour, stepChange, agentPauses, algorithms, callingWindows);
    }

    public Scenario withAlgorithms(List<PacingAlgorithm> newAlgorithms) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent, regulation, maxAbandonRate,
                connectTimeoutSeconds, amd, liveRateByHour, stepChange, agentPauses, List.copyOf(newAlgorithms),
                callingWindows);
    }

    public Scenario withCallingWindows(List<CallingWindow> windows) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent, regulation, maxAbandonRate,
                connectTimeoutSeconds, amd, liveRateByHour, stepChange, agentPauses, algorithms, List.copyOf(windows));
    }

    public Scenario withPauses(AgentPauses pauses) {
        return new Scenario(agents, shiftSeconds, warmupSeconds, seeds, seed, mix, timeToAnswerSeconds, machineAnswerSeconds,
                talkSeconds, wrapSeconds, patienceSeconds, ringTimeoutSeconds, maxLinesPerAgent, regulation, maxAbandonRate,
                connectTimeoutSeconds, amd, liveRateByHour, stepChange, pauses.withDefaults(), algorithms, callingWindows);
    }

    /** Live-rate multiplier at time t: the hourly profile times the step change. */
    double liveMultiplier(double t) {
        double m = 1.0;
        if (!liveRateByHour.isEmpty()) {
            int hour = (int) Math.min(liveRateByHour.size() - 1, Math.max(0, Math.floor(t / 3600)));
            m *= liveRateByHour.get(hour);
        }
        if (stepChange != null && t >= stepChange.atSeconds()) {
            m *= stepChange.liveFactor();
        }
        return m;
    }

    boolean dialingAllowed(double t) {
        if (callingWindows.isEmpty()) {
            return true;
        }
        for (CallingWindow window : callingWindows) {
            if (t >= window.fromSeconds() && t < window.toSeconds()) {
                return true;
            }
        }
        return false;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
