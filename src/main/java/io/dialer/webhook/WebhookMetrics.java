package io.dialer.webhook;

import io.dialer.platform.Db;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Webhook metrics. The backlog is the number of pending deliveries in the database (all tenants; deliveries parked for
 * a disabled endpoint left out), counted every 5 seconds over the partial index of pending deliveries, never per
 * scrape. Every replica reports the same backlog (take the max, not the sum); failures are per replica.
 */
@ApplicationScoped
public class WebhookMetrics {

    private static final Logger LOG = Logger.getLogger(WebhookMetrics.class);

    private final Db db;
    private final Counter failures;
    private volatile double backlog = Double.NaN;

    WebhookMetrics(Db db, MeterRegistry registry) {
        this.db = db;
        this.failures = Counter.builder("dialer.webhook.delivery.failures")
                .description("Delivery attempts that got no 2xx answer (error, timeout or non-2xx status)").register(registry);
        Gauge.builder("dialer.webhook.backlog", this, m -> m.backlog)
                .description("Pending webhook deliveries in the outbox, all tenants (refreshed every 5 s)")
                .strongReference(true).register(registry);
    }

    void deliveryFailed() {
        failures.increment();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshBacklog() {
        try {
            backlog = db.one("SELECT count(*) FROM webhook_delivery WHERE state = 'PENDING' "
                    + "AND next_attempt_at < 'infinity'::timestamptz", rs -> rs.getLong(1)).orElse(0L);
        } catch (RuntimeException e) {
            backlog = Double.NaN; // unknown while the database is unreachable
            LOG.debugf(e, "Webhook backlog not counted");
        }
    }
}
