package io.dialer.dialing;

import io.dialer.campaign.SimulationProfile;
import io.dialer.campaign.Campaign;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs on every replica: now and then it takes campaigns nobody runs (running ones, or ones with calls left open by a
 * replica that died) and starts their loops. Each replica takes one campaign per pass, at a jittered pace, so that
 * campaigns spread over replicas.
 */
@ApplicationScoped
public class DialingSupervisor {

    private static final Logger LOG = Logger.getLogger(DialingSupervisor.class);

    private final DialingRuntime runtime;
    private final ReplicaIdentity replica;
    private final Map<UUID, CampaignRunner> runners = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private volatile boolean stopping;

    DialingSupervisor(DialingRuntime runtime, ReplicaIdentity replica) {
        this.runtime = runtime;
        this.replica = replica;
    }

    void start(@Observes StartupEvent event) {
        if (!runtime.config().enabled()) {
            LOG.info("Dialing is disabled on this replica (dialer.dialing.enabled=false)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dialing-supervisor");
            t.setDaemon(true);
            return t;
        });
        schedule();
    }

    private void schedule() {
        int base = runtime.config().supervisorMillis();
        timer.schedule(this::pass, base / 2 + ThreadLocalRandom.current().nextInt(Math.max(1, base)), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            if (!stopping && runners.size() < runtime.config().maxCampaigns()) {
                for (LeaseRepository.Orphan orphan : runtime.leases().orphans(5)) {
                    if (!runners.containsKey(orphan.campaignId()) && take(orphan)) {
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Dialing supervisor pass failed; retrying");
        } finally {
            if (!stopping) {
                schedule();
            }
        }
    }

    private boolean take(LeaseRepository.Orphan orphan) {
        Optional<Campaign> campaign = runtime.campaigns().find(orphan.tenant(), orphan.campaignId());
        if (campaign.isEmpty()) {
            return false;
        }
        SimulationProfile profile = SimulationProfile.of(campaign.get().settings().simulation());
        Optional<Lease> lease = runtime.leases().acquire(orphan, replica.id(), runtime.config().leaseSeconds(),
                profile.timeScale(), profile.startAt());
        if (lease.isEmpty()) {
            return false;
        }
        CampaignRunner runner = new CampaignRunner(runtime, lease.get(), campaign.get(), r -> runners.remove(r.campaignId(), r));
        runners.put(orphan.campaignId(), runner);
        Thread thread = new Thread(runner);
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Replica %s runs campaign %s (lease epoch %d)", replica.id(), orphan.campaignId(), lease.get().epoch());
        return true;
    }

    /** Campaign loops running on this replica now. */
    public int runningLoops() {
        return runners.size();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        runners.values().forEach(CampaignRunner::requestStop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!runners.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
