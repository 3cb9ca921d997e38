package io.dialer.report;

import io.dialer.platform.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The report's SQL. Every statement is scoped to the tenant and the campaign; buckets are computed in PostgreSQL. */
@ApplicationScoped
class CampaignReportRepository {

    /** Attempts ended in a bucket with one result: how many, their talk time. */
    record ResultRow(Instant bucket, String result, long count) {
    }

    record CountRow(Instant bucket, long count) {
    }

    record OutcomeRow(Instant bucket, String code, String category, long count) {
    }

    record ActivityRow(Instant bucket, double ready, double talk, double wrap, double paused) {
    }

    record AgentCallRow(UUID agentId, String name, long calls, double talkSeconds) {
    }

    record AgentActivityRow(UUID agentId, String name, double ready, double talk, double wrap) {
    }

    record AgentOutcomeRow(UUID agentId, String code, long count) {
    }

    record KeyResultRow(String key, String result, long count) {
    }

    /** The range a report covers by default: the first and last attempt placed. */
    record Span(Instant first, Instant last) {
    }

    private static final String ATTEMPTS = " FROM attempt a WHERE a.tenant = ? AND a.campaign_id = ? AND a.state = 'ENDED' "
            + "AND a.placed_at >= ? AND a.placed_at < ?";

    private final Db db;

    CampaignReportRepository(Db db) {
        this.db = db;
    }

    Optional<Span> span(String tenant, UUID campaignId) {
        List<Span> rows = db.list("SELECT min(placed_at), max(placed_at) FROM attempt "
                        + "WHERE tenant = ? AND campaign_id = ? AND state = 'ENDED'",
                rs -> rs.getTimestamp(1) == null ? null : new Span(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()),
                tenant, campaignId);
        return Optional.ofNullable(rows.isEmpty() ? null : rows.get(0));
    }

    List<ResultRow> results(Range r) {
        return db.list("SELECT " + r.bucketOf("a.placed_at") + " AS b, a.result, count(*)" + ATTEMPTS + " GROUP BY 1, 2",
                rs -> new ResultRow(Db.instant(rs, "b"), rs.getString(2), rs.getLong(3)),
                r.bucketParams(r.tenant(), r.campaignId(), r.from(), r.to()));
    }

    List<CountRow> contactsReached(Range r, String[] reachedResults) {
        return db.list("SELECT " + r.bucketOf("a.placed_at") + " AS b, count(DISTINCT a.contact_id)" + ATTEMPTS
                        + " AND a.result = ANY (?) GROUP BY 1",
                rs -> new CountRow(Db.instant(rs, "b"), rs.getLong(2)),
                r.bucketParams(r.tenant(), r.campaignId(), r.from(), r.to(), (Object) reachedResults));
    }

    /** Distinct contacts reached over the whole range (not the sum of the buckets: a contact may be reached twice). */
    long totalContactsReached(Range r, String[] reachedResults) {
        return db.list("SELECT count(DISTINCT a.contact_id)" + ATTEMPTS + " AND a.result = ANY (?)", rs -> rs.getLong(1),
                r.tenant(), r.campaignId(), r.from(), r.to(), (Object) reachedResults).get(0);
    }

    List<CountRow> contactsCompleted(Range r) {
        return db.list("SELECT " + r.bucketOf("l.ended_at") + " AS b, count(*) FROM contact c "
                        + "JOIN LATERAL (SELECT a.ended_at FROM attempt a WHERE a.contact_id = c.id AND a.tenant = c.tenant "
                        + "AND a.state = 'ENDED' ORDER BY a.placed_at DESC LIMIT 1) l ON true "
                        + "WHERE c.tenant = ? AND c.campaign_id = ? AND c.state = 'COMPLETED' AND l.ended_at >= ? AND l.ended_at < ? "
                        + "GROUP BY 1",
                rs -> new CountRow(Db.instant(rs, "b"), rs.getLong(2)),
                r.bucketParams(r.tenant(), r.campaignId(), r.from(), r.to()));
    }

    List<OutcomeRow> outcomes(Range r) {
        return db.list("SELECT " + r.bucketOf("a.placed_at") + " AS b, a.outcome, a.outcome_category, count(*)" + ATTEMPTS
                        + " AND a.outcome IS NOT NULL GROUP BY 1, 2, 3",
                rs -> new OutcomeRow(Db.instant(rs, "b"), rs.getString(2), rs.getString(3), rs.getLong(4)),
                r.bucketParams(r.tenant(), r.campaignId(), r.from(), r.to()));
    }

    List<ActivityRow> activity(Range r) {
        return db.list("SELECT " + r.bucketOf("minute") + " AS b, sum(ready_seconds), sum(talk_seconds), sum(wrap_seconds), "
                        + "sum(paused_seconds) FROM agent_activity WHERE tenant = ? AND campaign_id = ? AND minute >= ? "
                        + "AND minute < ? GROUP BY 1",
                rs -> new ActivityRow(Db.instant(rs, "b"), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)),
                r.bucketParams(r.tenant(), r.campaignId(), r.from(), r.to()));
    }

    List<AgentCallRow> agentCalls(Range r) {
        return db.list("SELECT a.agent_id, (SELECT g.name FROM agent g WHERE g.id = a.agent_id AND g.tenant = a.tenant), "
                        + "count(*) FILTER (WHERE a.connected_at IS NOT NULL), "
                        + "coalesce(sum(extract(epoch FROM a.ended_at - a.connected_at)) FILTER (WHERE a.connected_at IS NOT NULL), 0)"
                        + ATTEMPTS + " AND a.agent_id IS NOT NULL GROUP BY 1, 2",
                rs -> new AgentCallRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getDouble(4)),
                r.tenant(), r.campaignId(), r.from(), r.to());
    }

    List<AgentActivityRow> agentActivity(Range r) {
        return db.list("SELECT x.agent_id, (SELECT g.name FROM agent g WHERE g.id = x.agent_id AND g.tenant = x.tenant), "
                        + "sum(x.ready_seconds), sum(x.talk_seconds), sum(x.wrap_seconds) FROM agent_activity x "
                        + "WHERE x.tenant = ? AND x.campaign_id = ? AND x.minute >= ? AND x.minute < ? GROUP BY 1, 2",
                rs -> new AgentActivityRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5)),
                r.tenant(), r.campaignId(), r.from(), r.to());
    }

    List<AgentOutcomeRow> agentOutcomes(Range r) {
        return db.list("SELECT a.agent_id, a.outcome, count(*)" + ATTEMPTS
                        + " AND a.agent_id IS NOT NULL AND a.outcome IS NOT NULL GROUP BY 1, 2",
                rs -> new AgentOutcomeRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)),
                r.tenant(), r.campaignId(), r.from(), r.to());
    }

    /** Attempts by the dialled number's type as the contact lists it (UNKNOWN when it has none). */
    List<KeyResultRow> byNumberType(Range r) {
        return db.list("SELECT coalesce(c.phones -> a.phone_index ->> 'type', 'UNKNOWN'), a.result, count(*) "
                        + "FROM attempt a JOIN contact c ON c.id = a.contact_id AND c.tenant = a.tenant "
                        + "WHERE a.tenant = ? AND a.campaign_id = ? AND a.state = 'ENDED' AND a.placed_at >= ? AND a.placed_at < ? "
                        + "GROUP BY 1, 2",
                rs -> new KeyResultRow(rs.getString(1), rs.getString(2), rs.getLong(3)),
                r.tenant(), r.campaignId(), r.from(), r.to());
    }

    List<KeyResultRow> byTrunk(Range r) {
        return db.list("SELECT coalesce(a.trunk, 'default'), a.result, count(*)" + ATTEMPTS + " GROUP BY 1, 2",
                rs -> new KeyResultRow(rs.getString(1), rs.getString(2), rs.getLong(3)),
                r.tenant(), r.campaignId(), r.from(), r.to());
    }

    /**
     * The range and bucketing of one report.
     *
     * @param unit PostgreSQL's date_trunc unit: hour or day
     * @param zone IANA zone the buckets are aligned to
     */
    record Range(String tenant, UUID campaignId, Instant from, Instant to, String unit, String zone) {

        String bucketOf(String column) {
            return "(date_trunc(?, " + column + " AT TIME ZONE ?) AT TIME ZONE ?)";
        }

        /** The bucket expression's parameters, then the statement's own. */
        Object[] bucketParams(Object... rest) {
            Object[] all = new Object[rest.length + 3];
            all[0] = unit;
            all[1] = zone;
            all[2] = zone;
            System.arraycopy(rest, 0, all, 3, rest.length);
            return all;
        }
    }
}
