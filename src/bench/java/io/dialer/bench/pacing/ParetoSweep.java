package io.dialer.bench.pacing;

import io.dialer.engine.pacing.PacerConfig;
import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.sim.AlgorithmResult;
import io.dialer.engine.sim.Scenario;
import io.dialer.engine.sim.SimulationRunner;
import java.util.List;

/**
 * Research notes section 6.4, point 9: "report the Pareto curve of U against ABR by sweeping each algorithm's
 * aggressiveness knob; compare curves, not single points". For one scenario it runs PREDICTIVE and SEMI_ORACLE from
 * cautious to aggressive (abandonment set point and quantile margin), with and without the hourly guard (what the guard
 * costs), and VICIDIAL_ADAPTIVE over its intensity, and prints
 * utilization, mean and p95 abandonment and the worst hour of each point, then the best point within both limits (p95 at
 * most the cap, no hour above {@link #HOUR_LIMIT}). PROGRESSIVE and ORACLE are the two ends.
 */
final class ParetoSweep {

    static final double HOUR_LIMIT = 0.05;

    /** PREDICTIVE's aggressiveness: abandonment set point and base quantile margin, cautious to aggressive. */
    private static final double[][] PREDICTIVE_KNOBS = {
            {0.010, 2.5}, {0.015, 2.0}, {Double.NaN, 1.5}, {0.021, 1.0}, {0.025, 0.5}, {0.030, 0.0}, {0.035, -0.5}};
    private static final double[] VICIDIAL_INTENSITIES = {-20, 0, 20};

    private final Scenario scenario;

    ParetoSweep(Scenario scenario) {
        this.scenario = scenario.withDefaults();
    }

    void print(String label) {
        System.out.printf("%nPareto sweep: %s (%d seeds)%n", label, scenario.seeds());
        System.out.printf("%-18s %-22s %7s %8s %8s %8s  %s%n", "algorithm", "setting", "U", "ABR mean", "ABR p95",
                "worst hr", "within limits");
        point(PacingAlgorithm.PROGRESSIVE, "-", PacerConfig.defaults());
        point(PacingAlgorithm.ORACLE, "-", PacerConfig.defaults());
        for (boolean guard : new boolean[] {true, false}) {
            for (PacingAlgorithm algorithm : List.of(PacingAlgorithm.PREDICTIVE, PacingAlgorithm.SEMI_ORACLE)) {
                Best best = new Best();
                for (double[] knob : PREDICTIVE_KNOBS) {
                    String setting = (Double.isNaN(knob[0])
                            ? String.format("default, z=%.1f", knob[1])
                            : String.format("set %.1f%%, z=%.1f", 100 * knob[0], knob[1])) + (guard ? "" : ", no hr guard");
                    PacerConfig config = PacerConfig.defaults().withTargetAbandonRate(knob[0]).withSafety(knob[1], 1.0)
                            .withHourlyGuard(guard);
                    best.consider(setting, point(algorithm, setting, config));
                }
                best.print(algorithm + (guard ? "" : " without the hourly guard"));
            }
        }
        Best best = new Best();
        for (double intensity : VICIDIAL_INTENSITIES) {
            String setting = String.format("intensity %+.0f", intensity);
            best.consider(setting, point(PacingAlgorithm.VICIDIAL_ADAPTIVE, setting,
                    PacerConfig.defaults().withVicidialIntensity(intensity)));
        }
        best.print(PacingAlgorithm.VICIDIAL_ADAPTIVE.name());
    }

    private AlgorithmResult point(PacingAlgorithm algorithm, String setting, PacerConfig config) {
        Scenario one = scenario.withAlgorithms(List.of(algorithm));
        AlgorithmResult r = new SimulationRunner(config, Runtime.getRuntime().availableProcessors()).runAll(one).get(0);
        System.out.printf("%-18s %-22s %7.3f %7.2f%% %7.2f%% %7.2f%%  %s%n", algorithm, setting, r.utilization().mean(),
                100 * r.abandonRate().mean(), 100 * r.abandonRate().p95(), 100 * r.maxHourAbandonRate(),
                withinLimits(r) ? "yes" : "no");
        return r;
    }

    private boolean withinLimits(AlgorithmResult r) {
        return r.abandonRate().p95() <= scenario.maxAbandonRate() && r.maxHourAbandonRate() <= HOUR_LIMIT;
    }

    /** The best point within both limits, and the best within the p95 cap alone (what the hourly limit costs). */
    private final class Best {
        private String setting;
        private AlgorithmResult result;
        private String capOnlySetting;
        private AlgorithmResult capOnly;

        void consider(String candidateSetting, AlgorithmResult candidate) {
            if (withinLimits(candidate) && better(candidate, result)) {
                setting = candidateSetting;
                result = candidate;
            }
            if (candidate.abandonRate().p95() <= scenario.maxAbandonRate() && better(candidate, capOnly)) {
                capOnlySetting = candidateSetting;
                capOnly = candidate;
            }
        }

        private boolean better(AlgorithmResult candidate, AlgorithmResult incumbent) {
            return incumbent == null || candidate.utilization().mean() > incumbent.utilization().mean();
        }

        void print(String algorithm) {
            line("within both limits", algorithm, result, setting);
            line("within the p95 cap", algorithm, capOnly, capOnlySetting);
        }

        private void line(String what, String algorithm, AlgorithmResult r, String at) {
            if (r == null) {
                System.out.printf("  best %s %s: none%n", algorithm, what);
            } else {
                System.out.printf("  best %s %s: U %.3f at p95 %.2f%%, worst hour %.2f%% (%s)%n", algorithm, what,
                        r.utilization().mean(), 100 * r.abandonRate().p95(), 100 * r.maxHourAbandonRate(), at);
            }
        }
    }
}
