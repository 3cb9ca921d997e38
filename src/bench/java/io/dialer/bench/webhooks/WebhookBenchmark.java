package io.dialer.bench.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook delivery benchmark against the running service and a local receiver:
 * (a) a burst of N events recorded at once, delivered as fast as possible (deliveries/s), after a first burst of the same
 * size that warms the service up;
 * (b) a steady rate of events, and the delay from each event's creation to the receiver's 2xx (p50/p99).
 * Events and their deliveries are written with JDBC exactly as EventLog writes them.
 * Arguments: serviceUrl jdbcUrl burstEvents steadyRatePerSecond steadySeconds
 */
public final class WebhookBenchmark {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String jdbc = args[1];
        int burst = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);

        try (BenchReceiver receiver = new BenchReceiver();
             Connection db = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
            String created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service + "/v1/webhook-endpoints"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + receiver.url() + "\", \"description\": \"benchmark\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            UUID endpoint = UUID.fromString(field(created, "id"));
            receiver.secret(field(created, "secret"));

            // the same burst once before measuring, so that the JIT has compiled the delivery path
            long warmStart = System.nanoTime();
            List<UUID> warmup = insert(db, endpoint, burst);
            awaitAll(receiver, warmup, 600);
            System.out.printf("warm-up: %,d events delivered in %.2f s%n", warmup.size(), (System.nanoTime() - warmStart) / 1e9);

            System.out.println("burst: recording");
            List<UUID> burstIds = insert(db, endpoint, burst);
            long start = System.nanoTime();
            awaitAll(receiver, burstIds, 600);
            double burstSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("burst: %,d events delivered in %.2f s%n", burst, burstSeconds);

            List<UUID> steadyIds = new ArrayList<>();
            long period = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < rate * seconds; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                steadyIds.addAll(insert(db, endpoint, 1));
                next += period;
            }
            awaitAll(receiver, steadyIds, 120);
            List<Long> delays = new ArrayList<>();
            for (UUID id : steadyIds) {
                delays.add(receiver.delayMicros.get(id.toString()));
            }
            Collections.sort(delays);

            System.out.println();
            System.out.println("| measurement | value |");
            System.out.println("|---|---|");
            System.out.printf("| burst: events | %,d |%n", burst);
            System.out.printf("| burst: all delivered after | %.2f s |%n", burstSeconds);
            System.out.printf("| burst: deliveries/s | %,.0f |%n", burst / burstSeconds);
            System.out.printf("| steady: events | %,d at %d/s for %d s |%n", steadyIds.size(), rate, seconds);
            System.out.printf("| steady: delay event created -> receiver 2xx, p50 | %.0f ms |%n", pct(delays, 0.50) / 1000.0);
            System.out.printf("| steady: p90 | %.0f ms |%n", pct(delays, 0.90) / 1000.0);
            System.out.printf("| steady: p99 | %.0f ms |%n", pct(delays, 0.99) / 1000.0);
            System.out.printf("| steady: max | %.0f ms |%n", delays.get(delays.size() - 1) / 1000.0);
            System.out.printf("| requests received (all phases) | %,d |%n", receiver.requests.get());
            System.out.printf("| duplicates (same webhook-id twice) | %,d |%n", receiver.duplicates.get());
            System.out.printf("| bad signatures | %,d |%n", receiver.badSignatures.get());
        }
    }

    /** Writes n events and their delivery to the endpoint in one transaction, as EventLog does; returns the event ids. */
    private static List<UUID> insert(Connection db, UUID endpoint, int n) throws Exception {
        List<UUID> ids = new ArrayList<>(n);
        UUID campaign = UUID.randomUUID();
        db.setAutoCommit(false);
        try (PreparedStatement event = db.prepareStatement("INSERT INTO event (id, tenant, type, campaign_id, sequence, "
                + "created_at, data) VALUES (?, 'default', 'attempt.completed', ?, ?, ?, ?::jsonb)");
             PreparedStatement delivery = db.prepareStatement("INSERT INTO webhook_delivery (id, tenant, endpoint_id, event_id, "
                     + "next_attempt_at, created_at) VALUES (gen_random_uuid(), 'default', ?, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                UUID id = uuid7();
                ids.add(id);
                Timestamp now = Timestamp.from(Instant.now());
                event.setObject(1, id);
                event.setObject(2, campaign);
                event.setLong(3, i + 1);
                event.setTimestamp(4, now);
                event.setString(5, data(i));
                event.addBatch();
                delivery.setObject(1, endpoint);
                delivery.setObject(2, id);
                delivery.setTimestamp(3, now);
                delivery.setTimestamp(4, now);
                delivery.addBatch();
                if (i % 1000 == 999) {
                    event.executeBatch();
                    delivery.executeBatch();
                }
            }
            event.executeBatch();
            delivery.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        return ids;
    }

    private static String data(int i) {
        return "{\"attemptId\": \"" + UUID.randomUUID() + "\", \"contact\": {\"id\": \"" + UUID.randomUUID()
                + "\", \"externalId\": \"crm-" + i + "\"}, \"phone\": {\"e164\": \"+4930123456" + (i % 100)
                + "\", \"label\": \"home\"}, \"result\": \"NO_ANSWER\", \"sipCode\": 480, \"q850Cause\": 19, "
                + "\"ringMs\": 30000, \"talkMs\": 0, \"attemptNumber\": 1}";
    }

    private static void awaitAll(BenchReceiver receiver, List<UUID> ids, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        int checked = 0;
        while (checked < ids.size()) {
            if (receiver.delayMicros.containsKey(ids.get(checked).toString())) {
                checked++;
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + checked + " of " + ids.size() + " delivered in " + timeoutSeconds + " s");
            }
            Thread.sleep(2);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static UUID uuid7() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID((millis << 16) | 0x7000L | random.nextInt(1 << 12),
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no '" + name + "' in " + json);
    }
}
