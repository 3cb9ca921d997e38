package io.dialer.webhook;

import io.dialer.platform.Db;
import io.dialer.support.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.dialer.support.Api.json;
import static io.dialer.webhook.WebhookTests.event;
import static io.dialer.webhook.WebhookTests.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims as two replicas would make them, on deliveries scheduled an hour ahead (out of the running dispatcher's way):
 * no delivery is claimed twice while its lease runs, an expired lease gives it back, and a stale outcome is ignored.
 */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class WebhookClaimTest {

    @Inject
    DeliveryRepository deliveries;
    @Inject
    EventLog eventLog;
    @Inject
    Db db;

    @Test
    void concurrentClaimsNeverShareADeliveryAndExpiredLeasesComeBack() throws Exception {
        // created disabled, so that recording the events queues nothing; its deliveries are then queued an hour ahead
        String id = json().body(Map.of("url", "http://127.0.0.1:9/hooks", "enabled", false)).post("/v1/webhook-endpoints")
                .then().statusCode(201).extract().path("id");
        UUID endpointId = UUID.fromString(id);
        try {
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                events.add(event(EventTypes.ATTEMPT_COMPLETED, null, Map.of("i", i)));
            }
            Instant later = Instant.now().plus(Duration.ofHours(1));
            List<UUID> eventIds = record(eventLog, events);
            db.update("INSERT INTO webhook_delivery (id, tenant, endpoint_id, event_id, next_attempt_at, created_at) "
                    + "SELECT gen_random_uuid(), 'default', ?, e, ?, now() FROM unnest(?::uuid[]) AS e",
                    endpointId, later, eventIds.toArray(UUID[]::new));
            db.update("UPDATE webhook_endpoint SET enabled = true WHERE id = ?", endpointId);

            Instant now = later.plusSeconds(1);
            Instant leaseUntil = now.plusSeconds(60);
            Set<UUID> claimed = Collections.synchronizedSet(new HashSet<>());
            List<UUID> duplicates = Collections.synchronizedList(new ArrayList<>());
            Callable<Integer> replica = () -> {
                int n = 0;
                while (true) {
                    List<ClaimedDelivery> batch = deliveries.claim(now, 16, 64, new UUID[0], leaseUntil);
                    if (batch.isEmpty()) {
                        return n;
                    }
                    for (ClaimedDelivery d : batch) {
                        assertEquals(1, d.attempt());
                        if (!claimed.add(d.id())) {
                            duplicates.add(d.id());
                        }
                    }
                    n += batch.size();
                }
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> replicas = pool.invokeAll(List.of(replica, replica));
            pool.shutdown();
            int total = replicas.get(0).get() + replicas.get(1).get();
            assertTrue(duplicates.isEmpty(), "claimed twice: " + duplicates);
            assertEquals(200, total);
            assertEquals(200, claimed.size());

            // while leased, nothing is due; once the lease has run out, every delivery can be claimed again
            assertTrue(deliveries.claim(now.plusSeconds(30), 16, 64, new UUID[0], leaseUntil).isEmpty());
            List<ClaimedDelivery> again = deliveries.claim(leaseUntil.plusSeconds(1), 16, 64, new UUID[0],
                    leaseUntil.plusSeconds(61));
            assertEquals(16, again.size());
            assertTrue(again.stream().allMatch(d -> d.attempt() == 2));

            // an outcome of the first claim no longer applies to a delivery claimed again
            ClaimedDelivery retaken = again.get(0);
            deliveries.updateDeliveries(List.of(new DeliveryRepository.DeliveryUpdate(retaken.id(), 1, "DELIVERED", null,
                    now, 200, null)));
            assertEquals("PENDING", db.one("SELECT state FROM webhook_delivery WHERE id = ?", rs -> rs.getString(1),
                    retaken.id()).orElseThrow());
            deliveries.updateDeliveries(List.of(new DeliveryRepository.DeliveryUpdate(retaken.id(), 2, "DELIVERED", null,
                    now, 200, null)));
            assertEquals("DELIVERED", db.one("SELECT state FROM webhook_delivery WHERE id = ?", rs -> rs.getString(1),
                    retaken.id()).orElseThrow());

            // endpoints at their limit are skipped
            assertTrue(deliveries.claim(leaseUntil.plusSeconds(1), 16, 64, new UUID[]{endpointId},
                    leaseUntil.plusSeconds(61)).isEmpty());
        } finally {
            WebhookTests.deleteEndpoint(id);
        }
    }
}
