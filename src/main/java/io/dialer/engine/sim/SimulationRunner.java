package io.dialer.engine.sim;

import io.dialer.engine.pacing.PacerConfig;
import io.dialer.engine.pacing.PacingAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every algorithm of a scenario on every seed, in parallel on the available cores. Each run is independent and
 * seeded, so the results do not depend on the thread count or the order runs finish in.
 */
public final class SimulationRunner {

    /** FIXED_RATIO is swept over these ratios; the best one whose p95 abandonment is within the cap is reported (1.0 is progressive, always compliant). */
    static final double[] FIXED_RATIOS = {1.0, 1.1, 1.2, 1.3, 1.4, 1.6, 2.0, 2.5, 3.0};

    private final PacerConfig config;
    private final int threads;

    public SimulationRunner() {
        this(PacerConfig.defaults(), Runtime.getRuntime().availableProcessors());
    }

    public SimulationRunner(PacerConfig config, int threads) {
        this.config = config;
        this.threads = Math.max(1, threads);
    }

    public static List<AlgorithmResult> run(Scenario scenario) {
        return new SimulationRunner().runAll(scenario);
    }

    public List<AlgorithmResult> runAll(Scenario input) {
        Scenario scenario = input.withDefaults();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "pacing-sim");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<PacingAlgorithm> algorithms = scenario.algorithms();
            List<List<Future<RunResult>>> submitted = new ArrayList<>();
            List<List<List<Future<RunResult>>>> ratioRuns = new ArrayList<>();
            for (PacingAlgorithm algorithm : algorithms) {
                if (algorithm == PacingAlgorithm.FIXED_RATIO) {
                    List<List<Future<RunResult>>> perRatio = new ArrayList<>();
                    for (double ratio : FIXED_RATIOS) {
                        perRatio.add(submitSeeds(pool, scenario, algorithm, config.withFixedRatio(ratio)));
                    }
                    ratioRuns.add(perRatio);
                    submitted.add(null);
                } else {
                    ratioRuns.add(null);
                    submitted.add(submitSeeds(pool, scenario, algorithm, config));
                }
            }
            List<AlgorithmResult> results = new ArrayList<>();
            for (int a = 0; a < algorithms.size(); a++) {
                PacingAlgorithm algorithm = algorithms.get(a);
                if (submitted.get(a) != null) {
                    results.add(summarize(algorithm, scenario, collect(submitted.get(a)), null));
                    continue;
                }
                AlgorithmResult best = null;
                AlgorithmResult fallback = null;
                List<List<Future<RunResult>>> perRatio = ratioRuns.get(a);
                for (int r = 0; r < FIXED_RATIOS.length; r++) {
                    AlgorithmResult candidate = summarize(algorithm, scenario, collect(perRatio.get(r)),
                            "ratio=" + FIXED_RATIOS[r]);
                    boolean compliant = candidate.abandonRate().p95() <= scenario.maxAbandonRate();
                    if (compliant && (best == null || candidate.utilization().mean() > best.utilization().mean())) {
                        best = candidate;
                    }
                    if (fallback == null) {
                        fallback = candidate;
                    }
                }
                best = best != null ? best : fallback;
                results.add(best);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one algorithm with one configuration on every seed (used by the benchmark for sweeps). */
    public AlgorithmResult runOne(Scenario input, PacingAlgorithm algorithm, PacerConfig pacerConfig) {
        Scenario scenario = input.withDefaults();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return summarize(algorithm, scenario, collect(submitSeeds(pool, scenario, algorithm, pacerConfig)), null);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Future<RunResult>> submitSeeds(ExecutorService pool, Scenario scenario, PacingAlgorithm algorithm,
            PacerConfig pacerConfig) {
        List<Future<RunResult>> futures = new ArrayList<>();
        for (int i = 0; i < scenario.seeds(); i++) {
            long seed = scenario.seed() + i;
            futures.add(pool.submit(() -> new Simulation(scenario, seed, algorithm, pacerConfig).run()));
        }
        return futures;
    }

    private static List<RunResult> collect(List<Future<RunResult>> futures) {
        List<RunResult> runs = new ArrayList<>();
        for (Future<RunResult> future : futures) {
            try {
                runs.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("simulation failed", e.getCause());
            }
        }
        return runs;
    }

    static AlgorithmResult summarize(PacingAlgorithm algorithm, Scenario scenario, List<RunResult> runs, String setting) {
        int n = runs.size();
        double[] utilization = new double[n];
        double[] abandon = new double[n];
        double talk = 0;
        double worstHour = 0;
        double contacts = 0;
        double dials = 0;
        double recovery = 0;
        long[] idle = new long[runs.get(0).idleWaitHistogram().length];
        for (int i = 0; i < n; i++) {
            RunResult run = runs.get(i);
            utilization[i] = run.utilization();
            abandon[i] = run.abandonRate();
            talk += run.talkOccupancy();
            worstHour = Math.max(worstHour, run.maxHourAbandonRate());
            contacts += run.contactsPerAgentHour();
            dials += run.dialsPerAgentHour();
            recovery += run.recoverySeconds();
            for (int b = 0; b < idle.length; b++) {
                idle[b] += run.idleWaitHistogram()[b];
            }
        }
        double meanUtilization = mean(utilization);
        double ci = n > 1 ? 1.96 * Math.sqrt(variance(utilization, meanUtilization) / n) : 0;
        return new AlgorithmResult(
                algorithm,
                new AlgorithmResult.MeanWithCi(meanUtilization, ci),
                talk / n,
                new AlgorithmResult.MeanAndP95(mean(abandon), percentile(abandon, 0.95)),
                worstHour,
                new AlgorithmResult.Percentiles(histogramPercentile(idle, 0.50), histogramPercentile(idle, 0.90),
                        histogramPercentile(idle, 0.99)),
                contacts / n,
                dials / n,
                scenario.stepChange() == null ? null : recovery / n,
                setting);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length > 0 ? sum / values.length : 0;
    }

    private static double variance(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length > 1 ? sum / (values.length - 1) : 0;
    }

    /** Linear-interpolated percentile (the "type 7" definition). */
    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return 0;
        }
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    private static double histogramPercentile(long[] histogram, double q) {
        long total = 0;
        for (long c : histogram) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double target = q * total;
        long running = 0;
        for (int b = 0; b < histogram.length; b++) {
            running += histogram[b];
            if (running >= target) {
                return (b + 0.5) * RunResult.IDLE_BIN_SECONDS;
            }
        }
        return histogram.length * RunResult.IDLE_BIN_SECONDS;
    }
}
