package io.dialer.webhook;

import io.dialer.platform.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for the webhook outbox ({@code webhook_delivery}) and the delivery log ({@code webhook_delivery_attempt}). */
@ApplicationScoped
class DeliveryRepository {

    /** A pending delivery of a disabled endpoint waits here, out of the due range, until the endpoint is enabled again. */
    private static final String PARKED = "'infinity'::timestamptz";

    /** One change to a delivery after an attempt; written only if the attempt still holds the delivery's claim. */
    record DeliveryUpdate(UUID id, int attempt, String state, Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus,
                          String lastError) {
    }

    /** An endpoint the dispatcher just disabled. */
    record DisabledEndpoint(UUID id, String tenant, String url, Instant failingSince) {
    }

    private final Db db;

    DeliveryRepository(Db db) {
        this.db = db;
    }

    // ---- dispatcher

    /**
     * Lets the current transaction commit without waiting for its WAL flush. For claims and outcomes that is safe: one
     * lost in a crash only means that the delivery is sent again, which at-least-once delivery allows.
     */
    void commitWithoutFlush() {
        db.update("SET LOCAL synchronous_commit = off");
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled endpoints (none of {@code skipEndpoints}) in one statement:
     * each is pushed to {@code leaseUntil}, so no other dispatcher takes it while it is being sent, and it comes back by
     * itself if this replica dies. Counts the attempt.
     *
     * <p>Written so that its cost stays bounded whatever the planner's statistics say (a burst of rows not analyzed
     * yet once made a joined form sort the whole backlog on every claim):
     * <ul>
     * <li>the candidates are the first {@code window} due rows of one ordered index scan; the enabled check is a per-row
     * subquery, not a join the planner could reorder. Skipping the endpoints at their limit after that window, rather
     * than in the scan, keeps a large backlog of one endpoint from being scanned on every claim;</li>
     * <li>the candidates are locked by primary key, fenced by their attempt count: a row another dispatcher claimed
     * meanwhile has a new count and is left alone. The state test is written as NOT IN so that it cannot lead the
     * planner to the partial due index.</li>
     * </ul>
     */
    List<ClaimedDelivery> claim(Instant now, int limit, int window, UUID[] skipEndpoints, Instant leaseUntil) {
        return db.list("""
                        WITH candidate AS (
                            SELECT d.id, d.attempts FROM webhook_delivery d
                            WHERE d.state = 'PENDING' AND d.next_attempt_at <= ?
                              AND (SELECT w.enabled FROM webhook_endpoint w WHERE w.id = d.endpoint_id)
                            ORDER BY d.next_attempt_at LIMIT %d),
                        due AS (
                            SELECT d.id FROM candidate c JOIN webhook_delivery d ON d.id = c.id AND d.attempts = c.attempts
                            WHERE NOT (d.endpoint_id = ANY (?)) AND d.state NOT IN ('DELIVERED', 'FAILED')
                            LIMIT ?
                            FOR UPDATE OF d SKIP LOCKED),
                        claimed AS (
                            UPDATE webhook_delivery d SET next_attempt_at = ?, attempts = d.attempts + 1 FROM due
                            WHERE d.id = due.id
                            RETURNING d.id, d.tenant, d.endpoint_id, d.event_id, d.attempts)
                        SELECT c.id, c.tenant, c.endpoint_id, c.event_id, c.attempts, w.url, w.secret, w.previous_secret,
                               w.previous_secret_until, e.type, e.created_at, e.campaign_id, e.sequence, e.data::text AS data
                        FROM claimed c JOIN webhook_endpoint w ON w.id = c.endpoint_id
                        LEFT JOIN event e ON e.id = c.event_id AND e.tenant = c.tenant""".formatted(window),
                rs -> claimed(rs, now), now, skipEndpoints, limit, leaseUntil);
    }

    private static ClaimedDelivery claimed(ResultSet rs, Instant now) throws SQLException {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(rs.getString("secret"));
        Instant previousUntil = Db.instant(rs, "previous_secret_until");
        if (rs.getString("previous_secret") != null && previousUntil != null && previousUntil.isAfter(now)) {
            secrets.add(rs.getString("previous_secret"));
        }
        long sequence = rs.getLong("sequence");
        Long seq = rs.wasNull() ? null : sequence;
        return new ClaimedDelivery(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getObject("endpoint_id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getInt("attempts"), rs.getString("url"), List.copyOf(secrets),
                rs.getString("type"), Db.instant(rs, "created_at"), rs.getObject("campaign_id", UUID.class), seq,
                rs.getString("data"));
    }

    /** Appends attempts to the log in one statement (skipping those of endpoints deleted meanwhile). */
    void logAttempts(List<DeliveryOutcome> outcomes) {
        int n = outcomes.size();
        String[] tenants = new String[n];
        UUID[] endpoints = new UUID[n];
        UUID[] deliveries = new UUID[n];
        UUID[] events = new UUID[n];
        String[] times = new String[n];
        String[] statuses = new String[n];
        String[] latencies = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            DeliveryOutcome o = outcomes.get(i);
            tenants[i] = o.delivery().tenant();
            endpoints[i] = o.delivery().endpointId();
            deliveries[i] = o.delivery().id();
            events[i] = o.delivery().eventId();
            times[i] = o.attemptedAt().toString();
            statuses[i] = text(o.statusCode());
            latencies[i] = Integer.toString(o.latencyMs());
            errors[i] = o.error();
        }
        db.update("""
                        INSERT INTO webhook_delivery_attempt
                            (tenant, endpoint_id, delivery_id, event_id, attempted_at, status_code, latency_ms, error)
                        SELECT a.tenant, a.endpoint_id, a.delivery_id, a.event_id, a.attempted_at::timestamptz,
                               a.status_code::integer, a.latency_ms::integer, a.error
                        FROM unnest(?::text[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                             AS a (tenant, endpoint_id, delivery_id, event_id, attempted_at, status_code, latency_ms, error)
                        WHERE EXISTS (SELECT 1 FROM webhook_endpoint w WHERE w.id = a.endpoint_id)""",
                tenants, endpoints, deliveries, events, times, statuses, latencies, errors);
    }

    /** Writes the deliveries' new states in one statement; each only if its attempt still holds the claim. */
    void updateDeliveries(List<DeliveryUpdate> updates) {
        int n = updates.size();
        UUID[] ids = new UUID[n];
        String[] attempts = new String[n];
        String[] states = new String[n];
        String[] next = new String[n];
        String[] delivered = new String[n];
        String[] statuses = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            DeliveryUpdate u = updates.get(i);
            ids[i] = u.id();
            attempts[i] = Integer.toString(u.attempt());
            states[i] = u.state();
            next[i] = text(u.nextAttemptAt());
            delivered[i] = text(u.deliveredAt());
            statuses[i] = text(u.lastStatus());
            errors[i] = u.lastError();
        }
        db.update("""
                        UPDATE webhook_delivery d SET state = u.state,
                            next_attempt_at = COALESCE(u.next_attempt_at::timestamptz, d.next_attempt_at),
                            delivered_at = u.delivered_at::timestamptz, last_status = u.last_status::integer, last_error = u.last_error
                        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             AS u (id, attempt, state, next_attempt_at, delivered_at, last_status, last_error)
                        WHERE d.id = u.id AND d.attempts = u.attempt::integer AND d.state = 'PENDING'""",
                ids, attempts, states, next, delivered, statuses, errors);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    // ---- endpoint health

    void clearFailing(UUID endpointId) {
        db.update("UPDATE webhook_endpoint SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL", endpointId);
    }

    /** Notes a failure: keeps an earlier start of the failing streak unless {@code restart} (a success came in between). */
    void markFailing(UUID endpointId, Instant since, boolean restart) {
        db.update("UPDATE webhook_endpoint SET failing_since = ? WHERE id = ? AND (failing_since IS NULL OR ?)",
                since, endpointId, restart);
    }

    /** Disables the endpoint if it is enabled and (when {@code failingBefore} is given) has been failing since before it. */
    Optional<DisabledEndpoint> disable(UUID endpointId, String reason, Instant failingBefore, Instant now) {
        return db.one("UPDATE webhook_endpoint SET enabled = false, disabled_reason = ?, updated_at = ? "
                        + "WHERE id = ? AND enabled AND (?::timestamptz IS NULL OR failing_since <= ?) "
                        + "RETURNING id, tenant, url, failing_since",
                rs -> new DisabledEndpoint(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getString("url"),
                        Db.instant(rs, "failing_since")), reason, now, endpointId, failingBefore, failingBefore);
    }

    /** Moves the pending deliveries of a disabled endpoint out of the due range, so claiming never scans them. */
    void park(UUID endpointId) {
        db.update("UPDATE webhook_delivery SET next_attempt_at = " + PARKED + " WHERE endpoint_id = ? AND state = 'PENDING'",
                endpointId);
    }

    /** Makes every pending delivery of a re-enabled endpoint due now. */
    void unpark(UUID endpointId, Instant now) {
        db.update("UPDATE webhook_delivery SET next_attempt_at = ? WHERE endpoint_id = ? AND state = 'PENDING' "
                + "AND next_attempt_at > ?", now, endpointId, now);
    }

    // ---- test events and replays

    /** Records a webhook.test event for one endpoint only, with its delivery. Runs in the caller's transaction. */
    void insertTestEvent(String tenant, UUID endpointId, UUID eventId, String dataJson, Instant now) {
        db.update("INSERT INTO event (id, tenant, type, campaign_id, sequence, created_at, data) "
                + "VALUES (?, ?, ?, NULL, NULL, ?, ?::jsonb)", eventId, tenant, EventTypes.WEBHOOK_TEST, now, dataJson);
        db.update("INSERT INTO webhook_delivery (id, tenant, endpoint_id, event_id, next_attempt_at, created_at) "
                + "VALUES (gen_random_uuid(), ?, ?, ?, ?, ?)", tenant, endpointId, eventId, now, now);
    }

    /**
     * New deliveries to the endpoint of the tenant's events created in [from, to) that the endpoint subscribes to, of
     * {@code types} when given (else of every type but webhook.test, whose events were meant for one endpoint).
     */
    int insertReplay(String tenant, UUID endpointId, Instant from, Instant to, String[] types, Instant now) {
        return db.update("""
                        INSERT INTO webhook_delivery (id, tenant, endpoint_id, event_id, next_attempt_at, created_at)
                        SELECT gen_random_uuid(), e.tenant, w.id, e.id, ?, ?
                        FROM event e JOIN webhook_endpoint w ON w.tenant = e.tenant AND w.id = ?
                        WHERE e.tenant = ? AND e.created_at >= ? AND e.created_at < ?
                          AND (cardinality(w.event_types) = 0 OR e.type = ANY (w.event_types))
                          AND CASE WHEN ?::text[] IS NULL THEN e.type <> ? ELSE e.type = ANY (?::text[]) END""",
                now, now, endpointId, tenant, from, to, types, EventTypes.WEBHOOK_TEST, types);
    }

    // ---- the delivery log

    List<DeliveryAttemptView> attempts(String tenant, UUID endpointId, UUID eventId, Long beforeId, int limit) {
        return db.list("""
                        SELECT a.id, a.delivery_id, a.event_id, e.type, a.attempted_at, a.status_code, a.latency_ms, a.error
                        FROM webhook_delivery_attempt a LEFT JOIN event e ON e.id = a.event_id AND e.tenant = a.tenant
                        WHERE a.tenant = ? AND a.endpoint_id = ? AND (?::uuid IS NULL OR a.event_id = ?)
                          AND (?::bigint IS NULL OR a.id < ?)
                        ORDER BY a.id DESC LIMIT ?""",
                rs -> new DeliveryAttemptView(Long.toString(rs.getLong("id")), rs.getString("delivery_id"),
                        rs.getString("event_id"), rs.getString("type"), Db.instant(rs, "attempted_at"),
                        Db.integer(rs, "status_code"), Db.integer(rs, "latency_ms"), rs.getString("error")),
                tenant, endpointId, eventId, eventId, beforeId, beforeId, limit);
    }

    // ---- housekeeping

    /** Deletes deliveries created before the cutoff, endpoint by endpoint (along the endpoint index). */
    int purgeDeliveries(Instant cutoff) {
        int deleted = 0;
        for (UUID endpoint : db.list("SELECT id FROM webhook_endpoint", rs -> rs.getObject(1, UUID.class))) {
            deleted += db.update("DELETE FROM webhook_delivery WHERE endpoint_id = ? AND created_at < ?", endpoint, cutoff);
        }
        return deleted;
    }

    /** Deletes logged attempts before the cutoff; ids grow with time, so the oldest rows are the lowest ids. */
    int purgeAttempts(Instant cutoff) {
        return db.update("DELETE FROM webhook_delivery_attempt WHERE id < COALESCE("
                + "(SELECT id FROM webhook_delivery_attempt WHERE attempted_at >= ? ORDER BY id LIMIT 1), "
                + "(SELECT MAX(id) + 1 FROM webhook_delivery_attempt))", cutoff);
    }
}
