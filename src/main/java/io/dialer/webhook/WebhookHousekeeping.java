package io.dialer.webhook;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/** Deliveries and their log are kept as long as the events they carry. */
@ApplicationScoped
class WebhookHousekeeping {

    private static final Logger LOG = Logger.getLogger(WebhookHousekeeping.class);

    private final DeliveryRepository deliveries;
    private final Clock clock;

    WebhookHousekeeping(DeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "7m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant cutoff = clock.instant().minus(EventService.RETENTION);
        int attempts = deliveries.purgeAttempts(cutoff);
        int rows = deliveries.purgeDeliveries(cutoff);
        if (attempts + rows > 0) {
            LOG.debugf("Deleted %d webhook deliveries and %d logged attempts older than %s", rows, attempts, EventService.RETENTION);
        }
    }
}
