package io.dialer.webhook;

import io.dialer.platform.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for webhook endpoints. Every statement about a tenant's endpoints filters on the tenant. */
@ApplicationScoped
class WebhookEndpointRepository {

    private static final String COLUMNS = "id, tenant, url, event_types, enabled, description, secret, previous_secret, "
            + "previous_secret_until, failing_since, disabled_reason, created_at, updated_at";

    private final Db db;

    WebhookEndpointRepository(Db db) {
        this.db = db;
    }

    void insert(WebhookEndpoint e) {
        db.update("INSERT INTO webhook_endpoint (id, tenant, url, event_types, enabled, description, secret, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.tenant(), e.url(), e.eventTypes().toArray(String[]::new), e.enabled(), e.description(), e.secret(),
                e.createdAt(), e.updatedAt());
    }

    Optional<WebhookEndpoint> find(String tenant, UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE tenant = ? AND id = ?", WebhookEndpointRepository::map,
                tenant, id);
    }

    /** Reads the endpoint and locks it until the end of the caller's transaction. */
    Optional<WebhookEndpoint> lock(String tenant, UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE tenant = ? AND id = ? FOR UPDATE",
                WebhookEndpointRepository::map, tenant, id);
    }

    List<WebhookEndpoint> list(String tenant, UUID after, int limit) {
        return db.list("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE tenant = ? AND (?::uuid IS NULL OR id > ?) "
                + "ORDER BY id LIMIT ?", WebhookEndpointRepository::map, tenant, after, after, limit);
    }

    /** Writes the fields a client can change, and the disabled state that goes with {@code enabled}. */
    void update(WebhookEndpoint e) {
        db.update("UPDATE webhook_endpoint SET url = ?, event_types = ?, enabled = ?, description = ?, failing_since = ?, "
                        + "disabled_reason = ?, updated_at = ? WHERE tenant = ? AND id = ?",
                e.url(), e.eventTypes().toArray(String[]::new), e.enabled(), e.description(), e.failingSince(),
                e.disabledReason(), e.updatedAt(), e.tenant(), e.id());
    }

    void rotateSecret(String tenant, UUID id, String secret, String previous, Instant previousUntil, Instant now) {
        db.update("UPDATE webhook_endpoint SET secret = ?, previous_secret = ?, previous_secret_until = ?, updated_at = ? "
                + "WHERE tenant = ? AND id = ?", secret, previous, previousUntil, now, tenant, id);
    }

    boolean delete(String tenant, UUID id) {
        return db.update("DELETE FROM webhook_endpoint WHERE tenant = ? AND id = ?", tenant, id) == 1;
    }

    private static WebhookEndpoint map(ResultSet rs) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookEndpoint(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getString("url"),
                types == null ? List.of() : List.copyOf(Arrays.asList((String[]) types.getArray())), rs.getBoolean("enabled"),
                rs.getString("description"), rs.getString("secret"), rs.getString("previous_secret"),
                Db.instant(rs, "previous_secret_until"), Db.instant(rs, "failing_since"), rs.getString("disabled_reason"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
