package io.dialer.bench.pacing;

import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.sim.AlgorithmResult;
import io.dialer.engine.sim.Scenario;
import io.dialer.engine.sim.SimulationRunner;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pacing benchmark of research notes section 6.2: agents 5/50/300 x live rate 0.15/0.30/0.50 x talk profiles A/B/C
 * (US rules, AMD off), the goal's base case, AMD-on and step-change variants. Prints utilization and p95 abandonment per
 * algorithm, PREDICTIVE/SEMI_ORACLE and PREDICTIVE/ORACLE, and a goal check.
 *
 * <p>Options: {@code --seeds N} (30), {@code --shift S} (28800), {@code --agents 5,50,300},
 * {@code --sections base,grid,amd,step} (add {@code pareto} for the aggressiveness sweep of {@link ParetoSweep} on the
 * base and AMD-on cases), {@code --algorithms A,B,...}.
 */
public final class PacingBenchmark {

    private static final List<PacingAlgorithm> ALL = List.of(PacingAlgorithm.values());

    private final int seeds;
    private final double shift;
    private final List<Integer> agentCounts;
    private final List<PacingAlgorithm> algorithms;
    private final List<String> notes = new ArrayList<>();
    private int gridCells;
    private int gridBeatsVicidial;
    private int gridBeatsVicidialUtilOnly;
    private int gridOverCap;
    private double worstHour;

    private PacingBenchmark(int seeds, double shift, List<Integer> agentCounts, List<PacingAlgorithm> algorithms) {
        this.seeds = seeds;
        this.shift = shift;
        this.agentCounts = agentCounts;
        this.algorithms = algorithms;
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int seeds = 30;
        double shift = 28_800;
        List<Integer> agents = List.of(5, 50, 300);
        List<String> sections = List.of("base", "grid", "amd", "step");
        List<PacingAlgorithm> algorithms = ALL;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(value);
                case "--shift" -> shift = Double.parseDouble(value);
                case "--agents" -> agents = List.of(value.split(",")).stream().map(Integer::parseInt).toList();
                case "--sections" -> sections = List.of(value.split(","));
                case "--algorithms" -> algorithms = List.of(value.split(",")).stream().map(PacingAlgorithm::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PacingBenchmark benchmark = new PacingBenchmark(seeds, shift, agents, algorithms);
        long start = System.nanoTime();
        System.out.printf("Pacing benchmark: %d seeds, %.0f s shift (%.0f s warm-up excluded), %d cores%n%n", seeds, shift,
                900.0, Runtime.getRuntime().availableProcessors());
        if (sections.stream().anyMatch(section -> !section.equals("pareto"))) {
            benchmark.header();
        }
        if (sections.contains("base")) {
            benchmark.base();
        }
        if (sections.contains("grid")) {
            benchmark.grid();
        }
        if (sections.contains("amd")) {
            benchmark.amd();
        }
        if (sections.contains("step")) {
            benchmark.step();
        }
        if (sections.contains("pareto")) {
            benchmark.pareto();
        }
        benchmark.summary();
        System.out.printf("%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private Scenario baseScenario(int agents) {
        return Scenario.defaults().withAgents(agents).withShift(shift, 900, seeds).withAlgorithms(algorithms);
    }

    /** The AMD-on variant of research notes 6.2: 1 % false positives, 15 % false negatives, 2.5-5 s decisions. */
    private Scenario amdOn(int agents) {
        return baseScenario(agents).withAmd(new Scenario.Amd(true, 0.01, 0.15, List.of(2.5, 5.0)));
    }

    private void base() {
        for (int agents : agentCounts) {
            row("base N=" + agents + " p=.30 talk150/30", baseScenario(agents), false);
        }
    }

    private void grid() {
        for (int agents : agentCounts) {
            for (double live : new double[] {0.15, 0.30, 0.50}) {
                for (String profile : new String[] {"A", "B", "C"}) {
                    Scenario scenario = baseScenario(agents).withMix(mix(live)).withService(talk(profile), wrap(profile));
                    row(String.format("grid N=%d p=%.2f %s", agents, live, profile), scenario, true);
                }
            }
        }
    }

    private void amd() {
        for (int agents : agentCounts) {
            Scenario scenario = amdOn(agents);
            row("AMD on FP1% N=" + agents, scenario, false);
        }
    }

    private void step() {
        for (int agents : agentCounts) {
            Scenario scenario = baseScenario(agents).withStepChange(new Scenario.StepChange(Math.min(10_800, shift / 2), 0.5));
            Map<PacingAlgorithm, AlgorithmResult> results = row("step p/2 at 3h N=" + agents, scenario, false);
            StringBuilder line = new StringBuilder("    recovery s:");
            for (PacingAlgorithm algorithm : algorithms) {
                AlgorithmResult r = results.get(algorithm);
                line.append(String.format(" %s=%.0f", abbreviation(algorithm), r.recoverySeconds()));
            }
            System.out.println(line);
        }
    }

    private void pareto() {
        for (int agents : agentCounts) {
            new ParetoSweep(baseScenario(agents)).print("base N=" + agents + " p=.30 talk150/30");
            new ParetoSweep(amdOn(agents)).print("AMD on FP1% N=" + agents);
        }
    }

    private void header() {
        StringBuilder line = new StringBuilder(String.format("%-32s", "scenario"));
        for (PacingAlgorithm algorithm : algorithms) {
            line.append(String.format(" | %-13s", abbreviation(algorithm) + " U/p95"));
        }
        line.append(" | P/SEMI | P/ORA | P maxHr");
        System.out.println(line);
        System.out.println("-".repeat(line.length()));
    }

    private Map<PacingAlgorithm, AlgorithmResult> row(String label, Scenario scenario, boolean inGrid) {
        Map<PacingAlgorithm, AlgorithmResult> byAlgorithm = new EnumMap<>(PacingAlgorithm.class);
        for (AlgorithmResult result : SimulationRunner.run(scenario)) {
            byAlgorithm.put(result.algorithm(), result);
        }
        StringBuilder line = new StringBuilder(String.format("%-32s", label));
        for (PacingAlgorithm algorithm : algorithms) {
            AlgorithmResult r = byAlgorithm.get(algorithm);
            line.append(String.format(" | %.3f/%5.2f%% ", r.utilization().mean(), 100 * r.abandonRate().p95()));
        }
        AlgorithmResult predictive = byAlgorithm.get(PacingAlgorithm.PREDICTIVE);
        AlgorithmResult semi = byAlgorithm.get(PacingAlgorithm.SEMI_ORACLE);
        AlgorithmResult oracle = byAlgorithm.get(PacingAlgorithm.ORACLE);
        if (predictive != null) {
            line.append(String.format(" | %6s | %5s | %5.2f%%",
                    semi == null ? "-" : String.format("%.3f", predictive.utilization().mean() / semi.utilization().mean()),
                    oracle == null ? "-" : String.format("%.3f", predictive.utilization().mean() / oracle.utilization().mean()),
                    100 * predictive.maxHourAbandonRate()));
            worstHour = Math.max(worstHour, predictive.maxHourAbandonRate());
            if (predictive.abandonRate().p95() > scenario.withDefaults().maxAbandonRate()) {
                notes.add(label + ": PREDICTIVE p95 abandonment above the cap");
                if (inGrid) {
                    gridOverCap++;
                }
            }
        }
        AlgorithmResult fixed = byAlgorithm.get(PacingAlgorithm.FIXED_RATIO);
        if (fixed != null) {
            line.append("  ").append(fixed.setting());
        }
        System.out.println(line);
        AlgorithmResult vicidial = byAlgorithm.get(PacingAlgorithm.VICIDIAL_ADAPTIVE);
        if (inGrid && predictive != null && vicidial != null) {
            gridCells++;
            boolean higher = predictive.utilization().mean() > vicidial.utilization().mean();
            if (higher) {
                gridBeatsVicidialUtilOnly++;
            }
            if (higher && predictive.abandonRate().p95() <= vicidial.abandonRate().p95()) {
                gridBeatsVicidial++;
            }
        }
        return byAlgorithm;
    }

    private void summary() {
        System.out.println();
        if (gridCells > 0) {
            System.out.printf("grid: PREDICTIVE beats VICIDIAL_ADAPTIVE on utilization in %d/%d cells, "
                    + "also at equal or lower p95 abandonment in %d/%d; PREDICTIVE p95 above the cap in %d cells%n",
                    gridBeatsVicidialUtilOnly, gridCells, gridBeatsVicidial, gridCells, gridOverCap);
        }
        if (gridCells > 0 || worstHour > 0) {
            System.out.printf("worst PREDICTIVE hour (all rows): %.2f%%%n", 100 * worstHour);
        }
        notes.forEach(note -> System.out.println("note: " + note));
    }

    private static Scenario.Mix mix(double live) {
        if (live < 0.2) {
            return new Scenario.Mix(0.15, 0.30, 0.40, 0.05, 0.10);
        }
        if (live < 0.4) {
            return new Scenario.Mix(0.30, 0.25, 0.35, 0.05, 0.05);
        }
        return new Scenario.Mix(0.50, 0.15, 0.25, 0.05, 0.05);
    }

    private static Scenario.TalkTime talk(String profile) {
        return switch (profile) {
            case "A" -> new Scenario.TalkTime(90.0, 1.0, 0.0, 15.0);
            case "B" -> new Scenario.TalkTime(180.0, 1.2, 0.0, 15.0);
            default -> new Scenario.TalkTime(240.0, 1.0, 0.25, 15.0);
        };
    }

    private static Scenario.MeanCv wrap(String profile) {
        return switch (profile) {
            case "A" -> new Scenario.MeanCv(15.0, 0.5);
            case "B" -> new Scenario.MeanCv(30.0, 0.5);
            default -> new Scenario.MeanCv(45.0, 0.5);
        };
    }

    private static String abbreviation(PacingAlgorithm algorithm) {
        return switch (algorithm) {
            case PROGRESSIVE -> "PROG";
            case FIXED_RATIO -> "RATIO";
            case VICIDIAL_ADAPTIVE -> "VICI";
            case ERLANG -> "ERL";
            case PREDICTIVE -> "PRED";
            case SEMI_ORACLE -> "SEMI";
            case ORACLE -> "ORA";
        };
    }
}
