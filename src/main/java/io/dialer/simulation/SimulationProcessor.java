package io.dialer.simulation;

import io.dialer.engine.pacing.PacerConfig;
import io.dialer.engine.sim.AlgorithmResult;
import io.dialer.engine.sim.Scenario;
import io.dialer.engine.sim.SimulationRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs simulations in the background on the replica that accepted them, one at a time: they are CPU-bound, so a
 * single job thread (and by default a single simulation thread) leaves the other cores to the API and the dialer.
 * Jobs report a heartbeat; when a replica dies, {@link #heartbeatAndReap()} on any replica marks its unfinished
 * simulations FAILED.
 */
@ApplicationScoped
public class SimulationProcessor {

    private static final Logger LOG = Logger.getLogger(SimulationProcessor.class);
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final SimulationRepository repository;
    private final Clock clock;
    private final SimulationRunner runner;
    private final String instanceId = UUID.randomUUID().toString();
    private final ExecutorService jobRunner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "simulation-job");
                t.setDaemon(true);
                return t;
            });

    SimulationProcessor(SimulationRepository repository, Clock clock,
                        @ConfigProperty(name = "dialer.simulations.threads", defaultValue = "1") int threads) {
        this.repository = repository;
        this.clock = clock;
        this.runner = new SimulationRunner(PacerConfig.defaults(), threads);
    }

    String instanceId() {
        return instanceId;
    }

    void submit(UUID id, Scenario scenario) {
        jobRunner.submit(() -> run(id, scenario));
    }

    void run(UUID id, Scenario scenario) {
        try {
            if (!repository.markRunning(id, clock.instant())) {
                return; // failed by the reaper meanwhile
            }
            long started = System.nanoTime();
            List<AlgorithmResult> results = runner.runAll(scenario);
            repository.complete(id, results, clock.instant());
            LOG.infof("Simulation %s finished in %.1f s", id, (System.nanoTime() - started) / 1e9);
        } catch (Throwable e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // shutting down: onStop fails it
            }
            LOG.errorf(e, "Simulation %s failed", id);
            try {
                repository.fail(id, "The simulation failed on the server: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), clock.instant());
            } catch (RuntimeException again) {
                LOG.errorf(again, "Could not mark simulation %s FAILED", id);
            }
        }
    }

    @Scheduled(every = "30s", delay = 30, delayUnit = TimeUnit.SECONDS)
    void heartbeatAndReap() {
        Instant now = clock.instant();
        repository.heartbeat(instanceId, now);
        int failed = repository.failAbandoned(now.minus(STALE_AFTER), now);
        if (failed > 0) {
            LOG.warnf("Marked %d simulation(s) FAILED: their replica stopped while running them", failed);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        jobRunner.shutdownNow();
        try {
            repository.failOwned(instanceId, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not fail this replica's unfinished simulations on shutdown; the reaper will", e);
        }
    }
}
