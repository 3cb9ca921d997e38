package io.dialer.contact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.platform.Db;
import io.dialer.platform.Ids;
import io.dialer.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for contacts. Every statement filters on the tenant. */
@ApplicationScoped
class ContactRepository {

    static final TypeReference<List<StoredPhone.Stored>> PHONES = new TypeReference<>() {
    };
    static final String COLUMNS = "id, tenant, campaign_id, external_id, first_name, last_name, timezone, priority, "
            + "dial_after, expires_at, attributes::text AS attributes, windows::text AS windows, phones::text AS phones, "
            + "state, attempt_count, last_result, next_dial_at, created_at, updated_at, next_phone_index, "
            + "callback_at, callback_agent_id, callback_phone_index, callback_any_time";

    /** Result of an upsert: the contact's id and whether it was new. */
    record Upserted(UUID id, boolean created) {
    }

    private final Db db;
    private final ObjectMapper mapper;

    ContactRepository(Db db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    /**
     * Inserts or updates by (campaign, externalId). Dialing state survives an update, except that a cancelled
     * contact sent again is live again.
     */
    Upserted upsert(String tenant, UUID campaignId, ContactDraft d, Instant now) {
        return db.one("""
                        INSERT INTO contact AS c (id, tenant, campaign_id, external_id, first_name, last_name, timezone, priority,
                            dial_after, expires_at, attributes, windows, phones, next_dial_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)
                        ON CONFLICT (campaign_id, external_id) DO UPDATE SET
                            first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, timezone = EXCLUDED.timezone,
                            priority = EXCLUDED.priority, dial_after = EXCLUDED.dial_after, expires_at = EXCLUDED.expires_at,
                            attributes = EXCLUDED.attributes, windows = EXCLUDED.windows, phones = EXCLUDED.phones,
                            state = CASE WHEN c.state = 'CANCELLED' THEN 'PENDING' ELSE c.state END,
                            next_dial_at = CASE WHEN c.state IN ('PENDING', 'CANCELLED') THEN EXCLUDED.next_dial_at ELSE c.next_dial_at END,
                            planned = false,
                            updated_at = EXCLUDED.updated_at
                        WHERE c.tenant = EXCLUDED.tenant
                        RETURNING id, (xmax = 0) AS created""",
                rs -> new Upserted(rs.getObject("id", UUID.class), rs.getBoolean("created")),
                Ids.newId(), tenant, campaignId, d.externalId(), d.firstName(), d.lastName(), d.timezone(), d.priority(),
                d.dialAfter(), d.expiresAt(), d.attributesJson(), d.windowsJson(),
                Json.write(mapper, d.phones().stream().map(StoredPhone::stored).toList()), d.dialAfter(), now, now).orElseThrow();
    }

    /** Serialises writers of one campaign's contacts with a running import (same key as ImportRun). */
    void lockCampaign(UUID campaignId) {
        db.one("SELECT pg_advisory_xact_lock(?)", rs -> 1, campaignId.getMostSignificantBits() ^ campaignId.getLeastSignificantBits());
    }

    Optional<Contact> find(String tenant, UUID campaignId, UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM contact WHERE tenant = ? AND campaign_id = ? AND id = ?",
                this::map, tenant, campaignId, id);
    }

    Optional<Contact> findForUpdate(String tenant, UUID campaignId, UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM contact WHERE tenant = ? AND campaign_id = ? AND id = ? FOR UPDATE",
                this::map, tenant, campaignId, id);
    }

    /** A campaign's contacts in externalId order (the unique index), after the cursor's externalId. */
    List<Contact> list(String tenant, UUID campaignId, String state, String externalId, String afterExternalId, int limit) {
        return db.list("SELECT " + COLUMNS + " FROM contact WHERE tenant = ? AND campaign_id = ? "
                        + "AND (?::text IS NULL OR state = ?) AND (?::text IS NULL OR external_id = ?) "
                        + "AND (?::text IS NULL OR external_id > ?) ORDER BY external_id LIMIT ?",
                this::map, tenant, campaignId, state, state, externalId, externalId, afterExternalId, afterExternalId, limit);
    }

    void deleteAll(String tenant, UUID campaignId) {
        db.update("DELETE FROM contact WHERE tenant = ? AND campaign_id = ?", tenant, campaignId);
    }

    void cancel(String tenant, UUID id, Instant now) {
        db.update("UPDATE contact SET state = 'CANCELLED', next_dial_at = NULL, updated_at = ? WHERE tenant = ? AND id = ?",
                now, tenant, id);
    }

    Contact map(ResultSet rs) throws SQLException {
        return new Contact(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getObject("campaign_id", UUID.class),
                rs.getString("external_id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("timezone"), rs.getInt("priority"), Db.instant(rs, "dial_after"), Db.instant(rs, "expires_at"),
                rs.getString("attributes"), rs.getString("windows"),
                Json.read(mapper, rs.getString("phones"), PHONES).stream().map(StoredPhone.Stored::withFacts).toList(),
                ContactState.valueOf(rs.getString("state")), rs.getInt("attempt_count"), rs.getString("last_result"),
                Db.instant(rs, "next_dial_at"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"),
                (Integer) rs.getObject("next_phone_index"), callback(rs));
    }

    private static PendingCallback callback(ResultSet rs) throws SQLException {
        Instant at = Db.instant(rs, "callback_at");
        return at == null ? null : new PendingCallback(at, rs.getString("callback_agent_id"),
                (Integer) rs.getObject("callback_phone_index"), rs.getBoolean("callback_any_time"));
    }
}
