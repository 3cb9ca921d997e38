package io.dialer.dialing;

import io.dialer.engine.result.ResultCode;
import io.dialer.support.Await;
import io.dialer.support.ServiceInstances;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three packaged service instances on one PostgreSQL with the simulated carrier.
 *
 * <p><b>Throughput grows with instances.</b> Three JVMs on a two-core machine have no more CPU than one, so a
 * CPU-bound measurement would say nothing (and be flaky). What an operator adds with a replica is capacity: each
 * replica runs at most {@code dialer.dialing.max-campaigns} campaign loops (two here), each loop at most
 * {@code maxConcurrentCalls} lines, and a simulated call lasts as long as its campaign's scenario says, whatever the
 * machine's speed. Six AGENTLESS campaigns are started: one instance runs two of them and the other four wait. The
 * campaigns are paused while two more instances start (so the work left does not depend on how slowly JVMs start on a
 * busy machine), then resumed: the three instances run two each. Attempts completed per wall-clock second are measured
 * over ten seconds in both phases, after each loop's ramp-up; the ideal ratio is 3, the assertion asks for at least 2
 * (call durations are random and the machine is shared).
 *
 * <p><b>Takeover within the lease time.</b> One campaign on each of the two newer instances is paused, so each has a
 * free slot (spare capacity, as an operator keeps for a lost replica). Instance 0 is then killed with SIGKILL: each of
 * its campaigns must have a new owner no later than the lease time plus one supervisor period plus a little slack.
 * The paused campaigns are resumed and wait for room on the survivors; every campaign completes.
 *
 * <p><b>No contact dialled twice, webhooks once.</b> No two attempts of a contact overlap in time, no contact has
 * more counted attempts than its campaign allows, and no attempt is left open (the killed instance's calls are
 * reconciled). The webhook receiver is down around the kill; afterwards every attempt.completed event has reached it,
 * exactly once after de-duplication by webhook-id. At no moment does an instance hold more leases than its capacity.
 */
class ThreeReplicasIT {

    private static final int LEASE_SECONDS = 3;
    private static final int SUPERVISOR_MILLIS = 200;
    private static final int CAPACITY = 2;
    private static final int CAMPAIGNS = 6;
    private static final int LINES = 5;
    private static final int CONTACTS = 150;
    private static final int MAX_ATTEMPTS = 2;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final long BEGAN = System.nanoTime();

    private static EmbeddedPostgres postgres;
    private static ServiceInstances instances;
    private static CountingReceiver receiver;
    private static final AtomicLong mostLeasesHeld = new AtomicLong();
    private static ScheduledExecutorService leaseWatch;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        receiver = new CountingReceiver();
        instances = new ServiceInstances("replica", postgres.getJdbcUrl("postgres", "postgres"), List.of(
                "dialer.dialing.lease-seconds=" + LEASE_SECONDS, "dialer.dialing.supervisor-millis=" + SUPERVISOR_MILLIS,
                "dialer.dialing.max-campaigns=" + CAPACITY,
                "dialer.webhook.retry-schedule=1s,1s,2s,2s,3s,3s,5s,5s,5s,10s,10s,10s"));
        leaseWatch = Executors.newSingleThreadScheduledExecutor();
        leaseWatch.scheduleWithFixedDelay(ThreeReplicasIT::watchLeases, 0, 100, TimeUnit.MILLISECONDS);
    }

    private static void watchLeases() {
        try {
            mostLeasesHeld.accumulateAndGet(query("SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM campaign_lease "
                    + "WHERE expires_at > now() GROUP BY owner) x"), Math::max);
        } catch (RuntimeException e) {
            // the schema is not there before the first instance has started
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (leaseWatch != null) {
            leaseWatch.shutdownNow();
        }
        if (instances != null) {
            instances.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void throughputGrowsCampaignsMoveWithinTheLeaseAndNothingIsDialledTwice() {
        ServiceInstances.Instance first = instances.start();
        instances.awaitReady(first);
        api(first).body(Map.of("url", receiver.url(), "eventTypes", List.of("attempt.completed")))
                .post("/v1/webhook-endpoints").then().statusCode(201);
        List<String> campaigns = new ArrayList<>();
        for (int c = 0; c < CAMPAIGNS; c++) {
            campaigns.add(createCampaign(first, c));
        }
        campaigns.forEach(id -> api(first).post("/v1/campaigns/" + id + "/start").then().statusCode(200));

        step("campaigns started");

        // phase 1: one instance, at capacity; the other campaigns wait
        awaitWarm(CAPACITY, Map.of());
        String firstOwner = strings("SELECT DISTINCT owner FROM campaign_lease WHERE expires_at > now()").get(0);
        double oneInstance = attemptsPerSecond();
        assertEquals(CAPACITY, query("SELECT count(*) FROM campaign_lease WHERE expires_at > now()"),
                "a replica at capacity takes no more campaigns");

        // paused while two more instances start, so that the work left does not depend on how long they take
        campaigns.forEach(id -> api(first).post("/v1/campaigns/" + id + "/pause").then().statusCode(200));
        Await.until("every loop ended", Duration.ofSeconds(30),
                () -> query("SELECT count(*) FROM campaign_lease WHERE expires_at > now()") == 0);
        List<ServiceInstances.Instance> more = List.of(instances.start(), instances.start());
        more.forEach(instances::awaitReady);

        step("three instances ready");

        // phase 2: three instances share the six campaigns
        Map<String, Long> endedBefore = endedByCampaign();
        campaigns.forEach(id -> api(first).post("/v1/campaigns/" + id + "/resume").then().statusCode(200));
        awaitWarm(CAMPAIGNS, endedBefore);
        assertEquals(3, query("SELECT count(DISTINCT owner) FROM campaign_lease WHERE expires_at > now()"));
        double threeInstances = attemptsPerSecond();
        System.out.printf("Throughput: 1 instance %.1f attempts/s, 3 instances %.1f attempts/s (x%.2f)%n",
                oneInstance, threeInstances, threeInstances / oneInstance);
        assertTrue(threeInstances >= 2 * oneInstance, String.format(
                "three instances (%.1f/s) should complete at least twice the attempts of one (%.1f/s)", threeInstances, oneInstance));

        step("throughput measured");

        // spare capacity: one campaign paused on each other instance
        List<String> paused = new ArrayList<>();
        for (String owner : strings("SELECT DISTINCT owner FROM campaign_lease WHERE expires_at > now() AND owner <> ?", firstOwner)) {
            String id = strings("SELECT campaign_id::text FROM campaign_lease WHERE expires_at > now() AND owner = ? LIMIT 1", owner).get(0);
            api(more.get(0)).post("/v1/campaigns/" + id + "/pause").then().statusCode(200);
            paused.add(id);
        }
        Await.until("paused campaigns' loops ended", Duration.ofSeconds(30), () -> query(
                "SELECT count(*) FROM campaign_lease WHERE expires_at > now() AND owner <> ?", firstOwner) == CAPACITY);

        // the receiver is down around the crash, so deliveries are retried
        receiver.down(true);
        Await.until("a delivery refused", Duration.ofSeconds(30), () -> receiver.refused() >= 3);
        List<String> orphaned = strings("SELECT campaign_id::text FROM campaign_lease WHERE expires_at > now() AND owner = ?", firstOwner);
        assertEquals(CAPACITY, orphaned.size());
        long killedAt = System.nanoTime();
        kill(first);
        Map<String, Double> takeover = new LinkedHashMap<>();
        Await.until("the killed instance's campaigns taken over", Duration.ofSeconds(30), () -> {
            for (String id : orphaned) {
                if (!takeover.containsKey(id) && query("SELECT count(*) FROM campaign_lease WHERE campaign_id = ?::uuid "
                        + "AND owner <> ? AND expires_at > now()", id, firstOwner) == 1) {
                    takeover.put(id, (System.nanoTime() - killedAt) / 1e9);
                }
            }
            return takeover.size() == orphaned.size();
        });
        double slowest = takeover.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        // the lease runs out at most LEASE_SECONDS after the kill; a survivor's next pass follows within 1.5 periods
        double limit = LEASE_SECONDS + 1.5 * SUPERVISOR_MILLIS / 1000.0 + 2.0;
        System.out.printf("Takeover after SIGKILL: %s s (limit %.1f s)%n", takeover.values(), limit);
        assertTrue(slowest <= limit, "campaigns taken over in " + takeover.values() + " s, limit " + limit + " s");

        receiver.down(false);
        step("campaigns taken over");

        // the paused campaigns wait for room on the two survivors
        paused.forEach(id -> api(more.get(0)).post("/v1/campaigns/" + id + "/resume").then().statusCode(200));
        Await.until("every campaign completed", Duration.ofSeconds(150), () -> campaigns.stream().allMatch(id ->
                "COMPLETED".equals(api(more.get(0)).get("/v1/campaigns/" + id).then().extract().path("state"))));

        step("campaigns completed");
        assertNothingDialledTwice();
        assertTrue(query("SELECT count(*) FROM attempt WHERE result = 'NETWORK_ERROR' AND cause LIKE 'reconciled%'") > 0,
                "calls in flight on the killed instance were reconciled");
        assertTrue(query("SELECT count(DISTINCT owner) FROM attempt") >= 3, "the instances shared the dialling");
        assertTrue(mostLeasesHeld.get() <= CAPACITY, "an instance held " + mostLeasesHeld.get() + " leases at once");
        assertWebhooksDeliveredOnce();
        System.out.printf("Three replicas test: %d attempts, %.0f s%n", query("SELECT count(*) FROM attempt"),
                (System.nanoTime() - BEGAN) / 1e9);
    }

    private static void step(String what) {
        System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - BEGAN) / 1e9, what);
    }

    private static String createCampaign(ServiceInstances.Instance via, int c) {
        String id = api(via).body(Map.of("name", "replicas-" + c, "mode", "AGENTLESS",
                        "schedule", Map.of("timezone", "UTC", "windows", List.of(Map.of("days",
                                List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "from", "09:00", "to", "20:00"))),
                        "dialing", Map.of("maxConcurrentCalls", LINES),
                        "retries", Map.of("maxAttemptsPerContact", MAX_ATTEMPTS, "minGapSeconds", 120,
                                "rules", Map.of("NO_ANSWER", Map.of("delaySeconds", 120), "BUSY", Map.of("delaySeconds", 120))),
                        "simulation", Map.of("timeScale", 20, "startAt", "2026-06-01T12:00:00Z", "seed", c)))
                .post("/v1/campaigns").then().statusCode(201).extract().path("id");
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            contacts.add(Map.of("externalId", "x" + i, "timezone", "UTC", "phones",
                    List.of(Map.of("number", String.format("+1312%03d%04d", 800 + c, 1000 + i), "type", "MOBILE"))));
        }
        api(via).body(Map.of("contacts", contacts)).post("/v1/campaigns/" + id + "/contacts").then().statusCode(200);
        return id;
    }

    /**
     * Waits until {@code running} campaigns have leases and each has ended, since {@code endedBefore}, twice as many
     * attempts as it has lines: past the ramp-up of its loop.
     */
    private static void awaitWarm(int running, Map<String, Long> endedBefore) {
        Await.until(running + " campaigns dialling steadily", Duration.ofSeconds(60), () -> {
            if (query("SELECT count(*) FROM campaign_lease WHERE expires_at > now()") != running) {
                return false;
            }
            return endedByCampaign().entrySet().stream()
                    .filter(e -> e.getValue() - endedBefore.getOrDefault(e.getKey(), 0L) >= 2 * LINES).count() == running;
        });
    }

    private static Map<String, Long> endedByCampaign() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String row : strings("SELECT campaign_id::text || ' ' || count(*) FROM attempt WHERE state = 'ENDED' GROUP BY campaign_id")) {
            String[] parts = row.split(" ");
            out.put(parts[0], Long.parseLong(parts[1]));
        }
        return out;
    }

    /** Attempts completed per wall-clock second over {@link #WINDOW}. */
    private static double attemptsPerSecond() {
        String ended = "SELECT count(*) FROM attempt WHERE state = 'ENDED'";
        long before = query(ended);
        long from = System.nanoTime();
        Await.pause(WINDOW);
        long after = query(ended);
        return (after - before) / ((System.nanoTime() - from) / 1e9);
    }

    private static void kill(ServiceInstances.Instance instance) {
        try {
            instance.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertNothingDialledTwice() {
        assertEquals(0, query("SELECT count(*) FROM attempt WHERE state <> 'ENDED'"), "no attempt left open");
        assertEquals(0, query("SELECT count(*) FROM contact WHERE state IN ('DIALING', 'PENDING')"), "no contact left mid-call");
        assertEquals(0, query("SELECT count(*) FROM attempt a JOIN attempt b ON a.contact_id = b.contact_id AND a.id < b.id "
                + "AND a.placed_at < b.ended_at AND b.placed_at < a.ended_at"), "no two overlapping calls to one contact");
        String[] counted = Arrays.stream(ResultCode.values()).filter(ResultCode::countsAsAttempt).map(Enum::name)
                .toArray(String[]::new);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM attempt "
                     + "WHERE result = ANY (?) GROUP BY contact_id) x")) {
            s.setArray(1, c.createArrayOf("text", counted));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                // equal: contacts were retried, up to the limit and no further
                assertEquals(MAX_ATTEMPTS, rs.getLong(1), "most counted attempts of one contact");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertWebhooksDeliveredOnce() {
        long attempts = query("SELECT count(*) FROM attempt");
        assertEquals(attempts, query("SELECT count(*) FROM event WHERE type = 'attempt.completed'"), "one event per attempt");
        Set<String> expected = new HashSet<>(strings("SELECT id::text FROM event WHERE type = 'attempt.completed'"));
        Await.until("every attempt.completed delivered", Duration.ofSeconds(60), () -> receiver.received().size() >= expected.size());
        assertEquals(expected, receiver.received().keySet(), "every attempt reached the receiver, once after de-duplication");
        Map<Integer, Long> copies = receiver.received().values().stream()
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        System.out.printf("Webhooks: %d events, %d refused requests while down, deliveries per id %s%n",
                expected.size(), receiver.refused(), copies);
    }

    private static RequestSpecification api(ServiceInstances.Instance instance) {
        return RestAssured.given().baseUri("http://localhost:" + instance.port()).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    private static long query(String sql, Object... args) {
        return Long.parseLong(strings(sql, args).get(0));
    }

    private static List<String> strings(String sql, Object... args) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
