package io.dialer.dialing;

import io.dialer.engine.result.LedgerCounts;
import io.dialer.engine.result.ResultCode;
import io.dialer.engine.schedule.Attempt;
import io.dialer.platform.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** SQL for attempts. Every statement filters on the tenant or on ids the loop holds under its lease. */
@ApplicationScoped
public class AttemptRepository {

    /** An attempt left open, found when a loop takes a campaign over. */
    record OpenAttempt(UUID id, UUID contactId, String state, String owner, long epoch) {
    }

    private final Db db;

    AttemptRepository(Db db) {
        this.db = db;
    }

    void insert(List<AttemptRecord> attempts, String owner, long epoch) {
        if (attempts.isEmpty()) {
            return;
        }
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO attempt (id, tenant, campaign_id, contact_id, phone_index, "
                    + "number, mode, state, agent_id, callback, owner, epoch, trunk, caller_id, placed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AttemptRecord a : attempts) {
                    Db.bind(ps, a.id(), a.tenant(), a.campaignId(), a.contactId(), a.phoneIndex(), a.number(), a.mode(),
                            a.state(), a.agentId(), a.callback(), owner, epoch, a.trunk(), a.callerId(), a.placedAt());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Ends attempts that are still open; an attempt is ended once. */
    /** Ends the attempts not ended yet; returns those it ended (each attempt is ended once). */
    List<AttemptEnd> end(List<AttemptEnd> ends) {
        if (ends.isEmpty()) {
            return List.of();
        }
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE attempt SET state = 'ENDED', result = ?, answered_at = ?, "
                    + "connected_at = ?, ended_at = ?, agent_id = COALESCE(?, agent_id), cause = ?, "
                    + "outcome = COALESCE(?, outcome), outcome_final = COALESCE(?, outcome_final), "
                    + "outcome_category = COALESCE(?, outcome_category), "
                    + "outcome_recorded_at = CASE WHEN ?::text IS NULL THEN outcome_recorded_at ELSE ? END, "
                    + "recording = ?, comment_recording = ?, "
                    + "recorded_at = CASE WHEN ?::text IS NULL AND ?::text IS NULL THEN NULL ELSE now() END "
                    + "WHERE id = ? AND state <> 'ENDED'")) {
                for (AttemptEnd e : ends) {
                    Db.bind(ps, e.result().name(), e.answeredAt(), e.connectedAt(), e.endedAt(), e.agentId(), e.cause(),
                            e.outcome(), e.outcomeFinal(), e.outcomeCategory(), e.outcome(), e.endedAt(),
                            e.recording(), e.commentRecording(), e.recording(), e.commentRecording(), e.id());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                List<AttemptEnd> ended = new java.util.ArrayList<>(ends.size());
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) { // SUCCESS_NO_INFO (-2) counts as ended
                        ended.add(ends.get(i));
                    }
                }
                return ended;
            }
        });
    }

    void markDialing(UUID attemptId) {
        db.update("UPDATE attempt SET state = 'DIALING' WHERE id = ? AND state = 'OFFERED'", attemptId);
    }

    /** Ended attempts of these contacts, for the scheduler. */
    Map<UUID, List<Attempt>> history(String tenant, Collection<UUID> contactIds) {
        Map<UUID, List<Attempt>> out = new HashMap<>();
        if (contactIds.isEmpty()) {
            return out;
        }
        db.list("SELECT contact_id, placed_at, phone_index, result, outcome_final FROM attempt WHERE contact_id = ANY(?) "
                        + "AND tenant = ? AND state = 'ENDED'",
                rs -> {
                    Object finalOutcome = rs.getObject(5);
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Attempt(Db.instant(rs, "placed_at"), rs.getInt(3), ResultCode.valueOf(rs.getString(4)),
                                    (Boolean) finalOutcome));
                    return null;
                }, contactIds.toArray(UUID[]::new), tenant);
        return out;
    }

    List<OpenAttempt> open(String tenant, UUID campaignId) {
        return db.list("SELECT id, contact_id, state, owner, epoch FROM attempt WHERE campaign_id = ? AND tenant = ? AND state <> 'ENDED'",
                rs -> new OpenAttempt(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getLong(5)), campaignId, tenant);
    }

    /** Preview decisions agents made on these offers. */
    Map<UUID, String> previewActions(List<UUID> attemptIds) {
        Map<UUID, String> out = new HashMap<>();
        if (attemptIds.isEmpty()) {
            return out;
        }
        db.list("SELECT id, preview_action FROM attempt WHERE id = ANY(?) AND state = 'OFFERED' AND preview_action IS NOT NULL",
                rs -> out.put(rs.getObject(1, UUID.class), rs.getString(2)), (Object) attemptIds.toArray(UUID[]::new));
        return out;
    }

    /** Records an agent's preview decision; false when the offer is not open or not this agent's. */
    boolean decide(String tenant, UUID attemptId, UUID agentId, String action) {
        return db.update("UPDATE attempt SET preview_action = ? WHERE id = ? AND tenant = ? AND agent_id = ? AND state = 'OFFERED' "
                + "AND preview_action IS NULL", action, attemptId, tenant, agentId) == 1;
    }

    /** Records a business outcome once; false if the attempt already has one. */
    boolean saveOutcome(String tenant, UUID attemptId, String code, String category, boolean isFinal, String notes,
                        Instant callbackAt, String dataJson, Instant now) {
        return db.update("UPDATE attempt SET outcome = ?, outcome_category = ?, outcome_final = ?, outcome_notes = ?, "
                        + "outcome_callback_at = ?, outcome_data = ?::jsonb, outcome_recorded_at = ? "
                        + "WHERE id = ? AND tenant = ? AND outcome_recorded_at IS NULL",
                code, category, isFinal, notes, callbackAt, dataJson, now, attemptId, tenant) == 1;
    }

    boolean exists(String tenant, UUID attemptId) {
        return db.one("SELECT 1 FROM attempt WHERE id = ? AND tenant = ?", rs -> 1, attemptId, tenant).isPresent();
    }

    Map<String, Long> countByResult(String tenant, UUID campaignId) {
        Map<String, Long> out = new TreeMap<>();
        db.list("SELECT result, count(*) FROM attempt WHERE campaign_id = ? AND tenant = ? AND state = 'ENDED' GROUP BY result",
                rs -> out.put(rs.getString(1), rs.getLong(2)), campaignId, tenant);
        return out;
    }

    /** The abandonment ledger's counts for attempts placed in [from, to). */
    LedgerCounts ledgerCounts(String tenant, UUID campaignId, Instant from, Instant to) {
        Map<String, Long> byResult = new HashMap<>();
        db.list("SELECT result, count(*) FROM attempt WHERE campaign_id = ? AND tenant = ? AND state = 'ENDED' "
                        + "AND placed_at >= ? AND placed_at < ? GROUP BY result",
                rs -> byResult.put(rs.getString(1), rs.getLong(2)), campaignId, tenant, from, to);
        LedgerCounts counts = LedgerCounts.ZERO;
        for (Map.Entry<String, Long> e : byResult.entrySet()) {
            counts = counts.plus(ResultCode.valueOf(e.getKey()).ledgerRole(), e.getValue());
        }
        return counts;
    }
}
