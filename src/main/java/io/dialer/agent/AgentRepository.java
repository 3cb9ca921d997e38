package io.dialer.agent;

import io.dialer.platform.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for agents, their campaign assignments and their events. Every statement about a tenant's data filters on it. */
@ApplicationScoped
class AgentRepository {

    /** One stored agent event. {@code data} is JSON text; the poller leaves it null for agents nobody follows. */
    record EventRow(long id, String tenant, UUID agentId, String type, String data) {
    }

    private static final String COLUMNS = "a.id, a.tenant, a.name, a.simulated, a.state, a.state_reason, a.state_since, a.phone_uri, "
            + "a.attempt_id, a.campaign_id, a.created_at, "
            + "ARRAY(SELECT ac.campaign_id::text FROM agent_campaign ac WHERE ac.tenant = a.tenant AND ac.agent_id = a.id "
            + "ORDER BY ac.campaign_id) AS campaign_ids";

    /** Updates the agent only if it is still in the expected state and appends the 'state' event in the same statement. */
    private static final String CONDITIONAL_MOVE = "WITH moved AS ("
            + "UPDATE agent SET state = ?, state_reason = ?, state_since = ?, attempt_id = ?, campaign_id = ?, updated_at = ? "
            + "WHERE tenant = ? AND id = ? AND state = ? RETURNING tenant, id) "
            + "INSERT INTO agent_event (tenant, agent_id, type, data, created_at) "
            + "SELECT tenant, id, 'state', ?::jsonb, ? FROM moved";

    private final Db db;

    AgentRepository(Db db) {
        this.db = db;
    }

    void insert(Agent a, Instant now) {
        db.update("INSERT INTO agent (id, tenant, name, simulated, state, state_reason, state_since, created_at, updated_at, "
                        + "phone_uri) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
                UUID.fromString(a.id()), a.tenant(), a.name(), a.simulated(), a.state(), a.stateSince(), a.createdAt(), now,
                a.phoneUri());
    }

    void replaceCampaigns(String tenant, UUID agentId, Collection<UUID> campaignIds) {
        db.update("DELETE FROM agent_campaign WHERE tenant = ? AND agent_id = ?", tenant, agentId);
        if (!campaignIds.isEmpty()) {
            db.update("INSERT INTO agent_campaign (tenant, agent_id, campaign_id) SELECT ?, ?, c FROM unnest(?::uuid[]) AS c "
                            + "ON CONFLICT DO NOTHING",
                    tenant, agentId, campaignIds.stream().map(UUID::toString).toArray(String[]::new));
        }
    }

    Optional<Agent> find(String tenant, UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM agent a WHERE a.tenant = ? AND a.id = ?", AgentRepository::map, tenant, id);
    }

    List<Agent> list(String tenant, UUID campaignId, AgentState state, UUID after, int limit) {
        return db.list("SELECT " + COLUMNS + " FROM agent a WHERE a.tenant = ? "
                        + "AND (?::text IS NULL OR a.state = ?) "
                        + "AND (?::uuid IS NULL OR EXISTS (SELECT 1 FROM agent_campaign f WHERE f.tenant = a.tenant "
                        + "AND f.agent_id = a.id AND f.campaign_id = ?)) "
                        + "AND (?::uuid IS NULL OR a.id > ?) ORDER BY a.id LIMIT ?",
                AgentRepository::map, tenant, state, state, campaignId, campaignId, after, after, limit);
    }

    List<Agent> forCampaign(String tenant, UUID campaignId) {
        return db.list("SELECT " + COLUMNS + " FROM agent a JOIN agent_campaign j ON j.agent_id = a.id AND j.tenant = a.tenant "
                        + "WHERE a.tenant = ? AND j.campaign_id = ? AND a.state <> 'LOGGED_OUT' ORDER BY a.id",
                AgentRepository::map, tenant, campaignId);
    }

    /** Updates name and phone; also takes the row lock that serialises concurrent patches. */
    boolean update(String tenant, UUID id, String name, String phoneUri, Instant now) {
        return db.update("UPDATE agent SET name = ?, phone_uri = ?, updated_at = ? WHERE tenant = ? AND id = ?",
                name, phoneUri, now, tenant, id) == 1;
    }

    /** One statement: moves the agent from {@code from} (no read-modify-write race) and records the 'state' event. */
    boolean move(String tenant, UUID id, AgentState from, AgentState to, String reason, UUID attemptId, UUID campaignId,
                 Instant now, String eventJson) {
        return db.update(CONDITIONAL_MOVE, to, reason, now, attemptId, campaignId, now, tenant, id, from, eventJson, now) == 1;
    }

    /** Deletes the agent unless it holds a call; its assignments go with it. */
    boolean deleteUnlessOnCall(String tenant, UUID id) {
        return db.update("DELETE FROM agent WHERE tenant = ? AND id = ? AND state NOT IN ('RESERVED', 'ON_CALL')", tenant, id) == 1;
    }

    void removeCampaign(String tenant, UUID campaignId) {
        db.update("DELETE FROM agent_campaign WHERE tenant = ? AND campaign_id = ?", tenant, campaignId);
    }

    /** Appends an event for an agent of the tenant; returns false (nothing stored) when the tenant has no such agent. */
    boolean appendEvent(String tenant, UUID agentId, String type, String json, Instant now) {
        return db.update("INSERT INTO agent_event (tenant, agent_id, type, data, created_at) "
                        + "SELECT ?, ?, ?, ?::jsonb, ? WHERE EXISTS (SELECT 1 FROM agent WHERE tenant = ? AND id = ?)",
                tenant, agentId, type, json, now, tenant, agentId) == 1;
    }

    /** Appends an event without checking that the agent exists (its 'deleted' event). */
    void appendEventUnchecked(String tenant, UUID agentId, String type, String json, Instant now) {
        db.update("INSERT INTO agent_event (tenant, agent_id, type, data, created_at) VALUES (?, ?, ?, ?::jsonb, ?)",
                tenant, agentId, type, json, now);
    }

    /** The id of the agent's newest event, 0 if none: a new stream starts after it. */
    long lastEventId(String tenant, UUID agentId) {
        return db.one("SELECT COALESCE(MAX(id), 0) FROM agent_event WHERE tenant = ? AND agent_id = ?",
                rs -> rs.getLong(1), tenant, agentId).orElse(0L);
    }

    /** The agent's events after {@code afterId}, oldest first (a stream's replay). */
    List<EventRow> eventsAfter(String tenant, UUID agentId, long afterId, int limit) {
        return db.list("SELECT id, tenant, agent_id, type, data::text AS data FROM agent_event "
                        + "WHERE tenant = ? AND agent_id = ? AND id > ? ORDER BY id LIMIT ?",
                AgentRepository::event, tenant, agentId, afterId, limit);
    }

    /**
     * The shared poller's read, across tenants (it dispatches each row to the streams of its tenant's agent): rows after
     * {@code head} and the listed late ids; the payload only for agents with an open stream on this replica.
     */
    List<EventRow> newEvents(long head, long[] lateIds, String[] followedAgents, int limit) {
        return db.list("SELECT id, tenant, agent_id, type, "
                        + "CASE WHEN agent_id = ANY (?::uuid[]) THEN data::text END AS data FROM agent_event "
                        + "WHERE id > ? OR id = ANY (?::bigint[]) ORDER BY id LIMIT ?",
                AgentRepository::event, followedAgents, head, lateIds, limit);
    }

    long maxEventId() {
        return db.one("SELECT COALESCE(MAX(id), 0) FROM agent_event", rs -> rs.getLong(1)).orElse(0L);
    }

    /** Housekeeping across tenants: the stream only promises replay of recent events. */
    int purgeEventsBefore(Instant cutoff) {
        return db.update("DELETE FROM agent_event WHERE created_at < ?", cutoff);
    }

    private static EventRow event(ResultSet rs) throws SQLException {
        return new EventRow(rs.getLong("id"), rs.getString("tenant"), rs.getObject("agent_id", UUID.class),
                rs.getString("type"), rs.getString("data"));
    }

    private static Agent map(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("campaign_ids");
        List<String> campaignIds = ids == null ? List.of() : Arrays.asList((String[]) ids.getArray());
        UUID attempt = rs.getObject("attempt_id", UUID.class);
        UUID campaign = rs.getObject("campaign_id", UUID.class);
        return new Agent(rs.getObject("id", UUID.class).toString(), rs.getString("tenant"), rs.getString("name"),
                rs.getBoolean("simulated"), List.copyOf(campaignIds), AgentState.valueOf(rs.getString("state")),
                rs.getString("state_reason"), Db.instant(rs, "state_since"),
                attempt == null ? null : attempt.toString(), campaign == null ? null : campaign.toString(),
                Db.instant(rs, "created_at"), rs.getString("phone_uri"));
    }
}
