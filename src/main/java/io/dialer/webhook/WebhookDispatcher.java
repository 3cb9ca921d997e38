package io.dialer.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Delivers the webhook outbox; runs on every replica. One thread claims due deliveries in small batches
 * ({@code FOR UPDATE SKIP LOCKED}, leased so another replica takes them over only if this one dies) and sends them
 * without blocking, at most {@code max-in-flight} at once and {@code max-in-flight-per-endpoint} to one endpoint;
 * {@link OutcomeRecorder} writes the outcomes. It polls when idle and claims again at once after a full batch.
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
    private final Object signal = new Object();
    private Semaphore slots;
    private WebhookSender sender;
    private OutcomeRecorder recorder;
    private ExecutorService resolverPool;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean awaitingRoom;
    private boolean woken; // guarded by signal

    WebhookDispatcher(WebhookConfig config, DeliveryRepository repository, TargetGuard guard, EventLog events,
                      ObjectMapper mapper, Clock clock) {
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
        resolverPool = Executors.newCachedThreadPool(daemon("webhook-resolver"));
        sender = new WebhookSender(guard, mapper, clock, config.timeout(), resolverPool);
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
        recorder.stop();
        resolverPool.shutdownNow();
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

    /** One pass; true when it claimed as many as it had room for (more may be due). */
    private boolean claimAndSend(WebhookConfig.Dispatcher settings) {
        int room = Math.min(settings.batchSize(), slots.availablePermits());
        if (room == 0 || recorder.backlog() > 10 * settings.batchSize()) {
            awaitingRoom = true;
            return false;
        }
        List<UUID> saturated = new ArrayList<>();
        inFlightByEndpoint.forEach((endpoint, n) -> {
            if (n >= settings.maxInFlightPerEndpoint()) {
                saturated.add(endpoint);
            }
        });
        Instant now = clock.instant();
        List<ClaimedDelivery> claimed = repository.claim(now, room, saturated, now.plus(settings.lease()));
        List<ClaimedDelivery> giveBack = new ArrayList<>();
        for (ClaimedDelivery d : claimed) {
            if (inFlightByEndpoint.getOrDefault(d.endpointId(), 0) >= settings.maxInFlightPerEndpoint() || !slots.tryAcquire()) {
                giveBack.add(d);
            } else {
                send(d);
            }
        }
        // while an endpoint is at its limit, each completion may let one of its waiting deliveries go
        awaitingRoom = !saturated.isEmpty() || !giveBack.isEmpty();
        if (!giveBack.isEmpty()) {
            repository.release(giveBack, now);
            return false;
        }
        return claimed.size() == room;
    }

    private void send(ClaimedDelivery d) {
        inFlightByEndpoint.merge(d.endpointId(), 1, Integer::sum);
        sender.send(d).whenComplete((outcome, failure) -> {
            inFlightByEndpoint.computeIfPresent(d.endpointId(), (k, n) -> n == 1 ? null : n - 1);
            slots.release();
            if (outcome != null) {
                recorder.add(outcome);
            } else {
                LOG.errorf(failure, "Webhook delivery %s failed unexpectedly; it is retried after its lease", d.id());
            }
            if (awaitingRoom) {
                wake();
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

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
