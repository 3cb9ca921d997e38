package io.dialer.webhook;

import io.dialer.webhook.DeliveryRepository.DeliveryUpdate;
import io.dialer.webhook.DeliveryRepository.DisabledEndpoint;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writes what the attempts came to, many per transaction: the attempt log, the delivery's new state (delivered, due
 * again later, failed), and the endpoint's health. An endpoint that answers 410, or whose deliveries have all failed
 * for {@code disable-after}, is disabled in the same transaction, which also records an {@code endpoint.disabled} event.
 */
final class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);
    private static final int MAX_BATCH = 500;

    /** The endpoint's outcomes in one batch, in the order they completed. */
    private static final class Health {
        boolean sawSuccess;
        Instant failingSince;
        boolean gone;
    }

    private final DeliveryRepository repository;
    private final EventLog events;
    private final RetrySchedule schedule;
    private final Duration disableAfter;
    private final Clock clock;
    private final LinkedBlockingQueue<DeliveryOutcome> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread thread;

    OutcomeRecorder(DeliveryRepository repository, EventLog events, RetrySchedule schedule, Duration disableAfter, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.schedule = schedule;
        this.disableAfter = disableAfter;
        this.clock = clock;
    }

    void start() {
        thread = new Thread(this::run, "webhook-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after writing what is queued. */
    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void add(DeliveryOutcome outcome) {
        queue.add(outcome);
    }

    int backlog() {
        return queue.size();
    }

    private void run() {
        List<DeliveryOutcome> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                DeliveryOutcome first = running ? queue.poll(1, TimeUnit.SECONDS) : queue.poll();
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<DeliveryOutcome> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> record(batch));
        } catch (RuntimeException e) {
            // one bad outcome must not lose the others; a delivery whose outcome is lost is sent again after its lease
            LOG.warnf(e, "Recording %d webhook outcomes failed; recording them one by one", batch.size());
            for (DeliveryOutcome o : batch) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> record(List.of(o)));
                } catch (RuntimeException single) {
                    LOG.errorf(single, "Cannot record the outcome of webhook delivery %s", o.delivery().id());
                }
            }
        }
    }

    /** Writes one batch; runs in a transaction. */
    void record(List<DeliveryOutcome> batch) {
        Instant now = clock.instant();
        List<DeliveryUpdate> updates = new ArrayList<>(batch.size());
        Map<UUID, Health> health = new LinkedHashMap<>();
        for (DeliveryOutcome o : batch) {
            ClaimedDelivery d = o.delivery();
            if (d.eventType() == null) {
                updates.add(update(o, "FAILED", null, null));
                continue;
            }
            Health h = health.computeIfAbsent(d.endpointId(), id -> new Health());
            if (o.succeeded()) {
                updates.add(update(o, "DELIVERED", null, o.attemptedAt()));
                h.sawSuccess = true;
                h.failingSince = null;
                continue;
            }
            if (h.failingSince == null) {
                h.failingSince = o.attemptedAt();
            }
            if (o.gone()) {
                h.gone = true;
                updates.add(update(o, "FAILED", null, null));
                continue;
            }
            Duration delay = schedule.nextDelay(d.attempt(), o.retryAfter(), ThreadLocalRandom.current().nextDouble());
            updates.add(delay == null ? update(o, "FAILED", null, null) : update(o, "PENDING", now.plus(delay), null));
        }
        repository.commitWithoutFlush();
        repository.logAttempts(batch);
        repository.updateDeliveries(updates);
        health.forEach((endpoint, h) -> recordHealth(endpoint, h, now));
    }

    private void recordHealth(UUID endpoint, Health h, Instant now) {
        if (h.failingSince == null) {
            repository.clearFailing(endpoint);
            return;
        }
        repository.markFailing(endpoint, h.failingSince, h.sawSuccess);
        String reason = h.gone ? "The endpoint answered 410 Gone" : "Every delivery failed for " + describe(disableAfter);
        Optional<DisabledEndpoint> disabled = repository.disable(endpoint, reason, h.gone ? null : now.minus(disableAfter), now);
        disabled.ifPresent(e -> announce(e, reason));
    }

    private void announce(DisabledEndpoint e, String reason) {
        repository.park(e.id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", e.id().toString());
        data.put("url", e.url());
        data.put("reason", reason);
        data.put("failingSince", e.failingSince());
        events.record(new NewEvent(e.tenant(), EventTypes.ENDPOINT_DISABLED, null, data));
        LOG.infof("Disabled webhook endpoint %s of tenant %s (%s)", e.id(), e.tenant(), e.url());
    }

    private static DeliveryUpdate update(DeliveryOutcome o, String state, Instant nextAttemptAt, Instant deliveredAt) {
        return new DeliveryUpdate(o.delivery().id(), o.delivery().attempt(), state, nextAttemptAt, deliveredAt, o.statusCode(),
                o.error());
    }

    static String describe(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + " h";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
