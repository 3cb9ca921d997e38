package io.dialer.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the webhook outbox; runs on every replica. One thread claims due deliveries in small batches
 * ({@code FOR UPDATE SKIP LOCKED}, leased so that another replica takes them over only if this one dies) and hands
 * them to a pool of sender threads, one per request in flight; {@link OutcomeRecorder} writes the outcomes. It polls
 * when idle and claims again at once after a full batch; at a limit, it is woken when a batch worth of slots is free
 * or a skipped endpoint has room again.
 *
 * <p>Limits on this replica: {@code max-in-flight} requests in all, and {@code max-in-flight-per-endpoint} to one
 * endpoint, so one slow endpoint cannot take every slot. A claim takes at most half the per-endpoint limit and skips the
 * endpoints that already have half of it in flight, which keeps each endpoint under its limit without per-row checks.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookConfig config;
    private final DeliveryRepository repository;
    private final TargetGuard guard;
    private final EventLog events;
    private final ObjectMapper mapper;
    private final Clock clock;

    private final Map<UUID, Integer> inFlightByEndpoint = new ConcurrentHashMap<>();
    private final AtomicInteger finishedSinceClaim = new AtomicInteger();
    private final Object signal = new Object();
    private Semaphore slots;
    private int halfPerEndpoint;
    private int batchSize;
    private WebhookSender sender;
    private OutcomeRecorder recorder;
    private final WebhookMetrics metrics;
    private ExecutorService senders;
    private ScheduledThreadPoolExecutor watchdog;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean shortOfSlots; // the last pass had fewer free slots than a batch
    private boolean woken; // guarded by signal

    WebhookDispatcher(WebhookConfig config, DeliveryRepository repository, TargetGuard guard, EventLog events,
                      ObjectMapper mapper, Clock clock, WebhookMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.repository = repository;
        this.guard = guard;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        WebhookConfig.Dispatcher settings = config.dispatcher();
        if (!settings.enabled()) {
            LOG.info("Webhook delivery is disabled on this replica (dialer.webhook.dispatcher.enabled=false)");
            return;
        }
        if (settings.lease().compareTo(config.timeout().multipliedBy(2)) < 0) {
            LOG.warnf("dialer.webhook.dispatcher.lease (%s) should be at least twice dialer.webhook.timeout (%s)",
                    settings.lease(), config.timeout());
        }
        slots = new Semaphore(settings.maxInFlight());
        halfPerEndpoint = Math.max(1, settings.maxInFlightPerEndpoint() / 2);
        batchSize = Math.min(settings.batchSize(), halfPerEndpoint);
        senders = Executors.newFixedThreadPool(settings.maxInFlight(), daemon("webhook-sender"));
        watchdog = new ScheduledThreadPoolExecutor(1, daemon("webhook-watchdog"));
        watchdog.setRemoveOnCancelPolicy(true);
        sender = new WebhookSender(guard, mapper, clock, config.timeout(), watchdog);
        recorder = new OutcomeRecorder(repository, events, new RetrySchedule(config.retrySchedule()), config.disableAfter(), clock);
        recorder.start();
        running = true;
        thread = daemon("webhook-dispatcher").newThread(this::run);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdown();
        try {
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
        recorder.stop();
    }

    /** Looks for due deliveries now rather than at the next poll (after this replica queued some). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        WebhookConfig.Dispatcher settings = config.dispatcher();
        while (running) {
            try {
                if (!claimAndSend(settings)) {
                    pause(settings.pollInterval());
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Webhook dispatcher pass failed; retrying");
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** One pass; true when it claimed a full batch (more may be due). */
    private boolean claimAndSend(WebhookConfig.Dispatcher settings) {
        int room = Math.min(batchSize, slots.availablePermits());
        shortOfSlots = room < batchSize;
        finishedSinceClaim.set(0);
        UUID[] busy = inFlightByEndpoint.entrySet().stream().filter(e -> e.getValue() >= halfPerEndpoint).map(Map.Entry::getKey)
                .toArray(UUID[]::new);
        if (room == 0 || recorder.backlog() > 10 * batchSize) {
            return false;
        }
        Instant now = clock.instant();
        List<ClaimedDelivery> claimed = QuarkusTransaction.requiringNew().call(() -> {
            repository.commitWithoutFlush();
            return repository.claim(now, room, 4 * batchSize, busy, now.plus(settings.lease()));
        });
        for (ClaimedDelivery d : claimed) {
            slots.acquireUninterruptibly(); // never waits: only this thread acquires, and it claimed no more than were free
            send(d);
        }
        return claimed.size() == batchSize;
    }

    private void send(ClaimedDelivery d) {
        inFlightByEndpoint.merge(d.endpointId(), 1, Integer::sum);
        senders.execute(() -> {
            try {
                DeliveryOutcome outcome = sender.send(d);
                if (!outcome.succeeded()) {
                    metrics.deliveryFailed();
                }
                recorder.add(outcome);
            } finally {
                Integer left = inFlightByEndpoint.computeIfPresent(d.endpointId(), (k, n) -> n == 1 ? null : n - 1);
                slots.release();
                // due deliveries may be waiting for room: claim again when this endpoint is back under half its limit,
                // or a batch worth of slots is free again
                boolean endpointReopened = (left == null ? 0 : left) == halfPerEndpoint - 1;
                boolean batchFreed = finishedSinceClaim.incrementAndGet() == batchSize && shortOfSlots;
                if (endpointReopened || batchFreed) {
                    wake();
                }
            }
        });
    }

    private void pause(Duration duration) {
        synchronized (signal) {
            try {
                if (!woken) {
                    signal.wait(Math.max(1, duration.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            woken = false;
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
