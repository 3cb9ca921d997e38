package io.dialer.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.platform.Db;
import io.dialer.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for campaigns. Every statement filters on the tenant. */
@ApplicationScoped
class CampaignRepository {

    private static final String COLUMNS =
            "id, tenant, name, description, state, config::text AS config, version, created_at, updated_at, started_at, stopped_at, "
            + "external_id";

    private final Db db;
    private final ObjectMapper mapper;

    CampaignRepository(Db db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    void insert(Campaign c) {
        db.update("INSERT INTO campaign (id, tenant, name, description, state, config, version, created_at, updated_at, external_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)",
                c.id(), c.tenant(), c.name(), c.description(), c.state(), Json.write(mapper, c.settings()),
                c.version(), c.createdAt(), c.updatedAt(), c.externalId());
    }

    Optional<Campaign> find(String tenant, UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM campaign WHERE tenant = ? AND id = ?", this::map, tenant, id);
    }

    Optional<Campaign> findForUpdate(String tenant, UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM campaign WHERE tenant = ? AND id = ? FOR UPDATE", this::map, tenant, id);
    }

    List<Campaign> list(String tenant, String state, UUID after, int limit) {
        return db.list("SELECT " + COLUMNS + " FROM campaign WHERE tenant = ? AND (?::text IS NULL OR state = ?) "
                        + "AND (?::uuid IS NULL OR id > ?) ORDER BY id LIMIT ?",
                this::map, tenant, state, state, after, after, limit);
    }

    /** Optimistic update: only succeeds when the stored version is still {@code expectedVersion}. */
    boolean update(Campaign c, int expectedVersion) {
        return db.update("UPDATE campaign SET name = ?, description = ?, config = ?::jsonb, version = ?, updated_at = ?, "
                        + "external_id = ? WHERE tenant = ? AND id = ? AND version = ?",
                c.name(), c.description(), Json.write(mapper, c.settings()), c.version(), c.updatedAt(), c.externalId(),
                c.tenant(), c.id(), expectedVersion) == 1;
    }

    void updateState(String tenant, UUID id, CampaignState state, Instant now) {
        db.update("UPDATE campaign SET state = ?, version = version + 1, updated_at = ?, "
                        + "started_at = CASE WHEN ? = 'RUNNING' THEN COALESCE(started_at, ?) ELSE started_at END, "
                        + "stopped_at = CASE WHEN ? IN ('STOPPED', 'COMPLETED') THEN ? ELSE stopped_at END "
                        + "WHERE tenant = ? AND id = ?",
                state, now, state.name(), now, state.name(), now, tenant, id);
    }

    boolean completeIfRunning(String tenant, UUID id, Instant now) {
        return db.update("UPDATE campaign SET state = 'COMPLETED', version = version + 1, updated_at = ?, stopped_at = ? "
                + "WHERE tenant = ? AND id = ? AND state = 'RUNNING'", now, now, tenant, id) == 1;
    }

    boolean delete(String tenant, UUID id) {
        return db.update("DELETE FROM campaign WHERE tenant = ? AND id = ?", tenant, id) == 1;
    }

    private Campaign map(ResultSet rs) throws SQLException {
        return new Campaign(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getString("name"),
                rs.getString("description"), CampaignState.valueOf(rs.getString("state")),
                Json.read(mapper, rs.getString("config"), CampaignSettings.class), rs.getInt("version"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"), Db.instant(rs, "started_at"),
                Db.instant(rs, "stopped_at"), rs.getString("external_id"));
    }
}
