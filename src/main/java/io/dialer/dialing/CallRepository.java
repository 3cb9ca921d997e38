package io.dialer.dialing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.platform.Db;
import io.dialer.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads attempts as calls for the API; every statement filters on the tenant. */
@ApplicationScoped
public class CallRepository {

    /** Filters of a campaign's call list. */
    public record CallFilter(String result, UUID contactId, UUID agentId, Instant from, Instant to) {
    }

    private static final String SELECT = "SELECT a.*, a.outcome_data::text AS outcome_json, t.external_id "
            + "FROM attempt a JOIN contact t ON t.id = a.contact_id ";

    private final Db db;
    private final ObjectMapper mapper;

    CallRepository(Db db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    public Optional<CallView> find(String tenant, UUID id) {
        return db.one(SELECT + "WHERE a.id = ? AND a.tenant = ?", this::map, id, tenant);
    }

    public List<CallView> list(String tenant, UUID campaignId, CallFilter f, UUID after, int limit) {
        return db.list(SELECT + "WHERE a.campaign_id = ? AND a.tenant = ? AND (?::text IS NULL OR a.result = ?) "
                        + "AND (?::uuid IS NULL OR a.contact_id = ?) AND (?::uuid IS NULL OR a.agent_id = ?) "
                        + "AND (?::timestamptz IS NULL OR a.placed_at >= ?) AND (?::timestamptz IS NULL OR a.placed_at < ?) "
                        + "AND (?::uuid IS NULL OR a.id > ?) ORDER BY a.id LIMIT ?",
                this::map, campaignId, tenant, f.result(), f.result(), f.contactId(), f.contactId(), f.agentId(), f.agentId(),
                f.from(), f.from(), f.to(), f.to(), after, after, limit);
    }

    /** The names in the recording store of a call's recording and survey comment (each may be null). */
    public record RecordingNames(String recording, String commentRecording) {
    }

    public Optional<RecordingNames> recordings(String tenant, UUID id) {
        return db.one("SELECT recording, comment_recording FROM attempt WHERE id = ? AND tenant = ?",
                rs -> new RecordingNames(rs.getString(1), rs.getString(2)), id, tenant);
    }

    private CallView map(ResultSet rs) throws SQLException {
        Instant placed = Db.instant(rs, "placed_at");
        Instant answered = Db.instant(rs, "answered_at");
        Instant connected = Db.instant(rs, "connected_at");
        Instant ended = Db.instant(rs, "ended_at");
        Object agent = rs.getObject("agent_id");
        CallView.Outcome outcome = null;
        if (rs.getString("outcome") != null) {
            Object isFinal = rs.getObject("outcome_final");
            String json = rs.getString("outcome_json");
            outcome = new CallView.Outcome(rs.getString("outcome"), rs.getString("outcome_category"), (Boolean) isFinal,
                    rs.getString("outcome_notes"), Db.instant(rs, "outcome_callback_at"),
                    json == null ? null : Json.read(mapper, json, JsonNode.class), Db.instant(rs, "outcome_recorded_at"));
        }
        return new CallView(rs.getString("id"), rs.getString("campaign_id"), rs.getString("contact_id"),
                rs.getString("external_id"), rs.getString("number"), rs.getInt("phone_index"), rs.getString("mode"),
                rs.getString("state"), rs.getString("result"), rs.getString("cause"), agent == null ? null : agent.toString(),
                rs.getString("trunk"), rs.getString("caller_id"), rs.getBoolean("callback"), placed, answered, connected, ended,
                seconds(placed, answered != null ? answered : ended), answered == null ? null : seconds(answered, connected != null ? connected : ended),
                connected == null ? null : seconds(connected, ended), outcome,
                rs.getString("recording") == null ? null : CallView.recordingPath(rs.getString("id")),
                rs.getString("comment_recording") == null ? null : CallView.commentRecordingPath(rs.getString("id")));
    }

    private static Double seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Math.round(Duration.between(from, to).toMillis() / 100.0) / 10.0;
    }
}
