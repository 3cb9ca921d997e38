package io.dialer.notification;

import io.dialer.platform.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for the notification table. Each statement stands alone (autocommit): claims are short, sends happen outside. */
@ApplicationScoped
class NotificationRepository {

    private static final String COLUMNS = "id, tenant, event_id, campaign_id, contact_id, channel, state, attempts, "
            + "next_attempt_at, recipient, last_status, last_error, created_at, sent_at";

    private final Db db;

    NotificationRepository(Db db) {
        this.db = db;
    }

    /**
     * Creates the rows of fallback requests recorded since {@code since} on the given channels; rows that exist
     * stay as they are. The type is a literal so that PostgreSQL uses the partial index on such events.
     */
    int createFromEvents(Instant since, List<Notification.Channel> channels, Instant now) {
        if (channels.isEmpty()) {
            return 0;
        }
        String[] names = channels.stream().map(Enum::name).toArray(String[]::new);
        return db.update("""
                INSERT INTO notification (id, tenant, event_id, campaign_id, contact_id, channel, state, attempts,
                                          next_attempt_at, created_at, updated_at)
                SELECT gen_random_uuid(), e.tenant, e.id, e.campaign_id, e.data->>'contactId', ch.channel, 'PENDING', 0, ?, ?, ?
                FROM event e CROSS JOIN unnest(?::text[]) AS ch(channel)
                WHERE e.type = 'contact.fallback_requested' AND e.created_at >= ?
                  AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.event_id = e.id AND n.channel = ch.channel)
                ON CONFLICT (event_id, channel) DO NOTHING""", now, now, now, names, since);
    }

    /**
     * Claims the most overdue message on one of the channels: PENDING and due, or SENDING with an expired claim (its
     * replica died). The claim counts an attempt and holds the row until {@code claimUntil}.
     */
    Optional<Notification> claimNext(List<Notification.Channel> channels, Instant now, Instant claimUntil) {
        String[] names = channels.stream().map(Enum::name).toArray(String[]::new);
        return db.one("""
                UPDATE notification n SET state = 'SENDING', attempts = n.attempts + 1, next_attempt_at = ?, updated_at = ?
                FROM (SELECT id FROM notification
                      WHERE state IN ('PENDING', 'SENDING') AND next_attempt_at <= ? AND channel = ANY (?)
                      ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) due
                WHERE n.id = due.id
                RETURNING n.id, n.tenant, n.event_id, n.campaign_id, n.contact_id, n.channel, n.state, n.attempts,
                          n.next_attempt_at, n.recipient, n.last_status, n.last_error, n.created_at, n.sent_at""",
                this::map, claimUntil, now, now, names);
    }

    /** Records the end of a claimed attempt; does nothing if the claim was lost (expired and taken by another replica). */
    boolean finish(Notification claimed, Notification.State state, Instant nextAttemptAt, String recipient,
                   Integer status, String error, Instant now) {
        return db.update("""
                        UPDATE notification SET state = ?, next_attempt_at = ?, recipient = COALESCE(?, recipient),
                               last_status = ?, last_error = ?, updated_at = ?,
                               sent_at = CASE WHEN ? = 'SENT' THEN ? ELSE sent_at END
                        WHERE id = ? AND state = 'SENDING' AND attempts = ?""",
                state, nextAttemptAt, recipient, status, error == null ? null : truncate(error), now,
                state.name(), now, claimed.id(), claimed.attempts()) == 1;
    }

    List<Notification> forEvent(String tenant, UUID eventId) {
        return db.list("SELECT " + COLUMNS + " FROM notification WHERE tenant = ? AND event_id = ? ORDER BY channel",
                this::map, tenant, eventId);
    }

    List<Notification> forCampaign(String tenant, UUID campaignId) {
        return db.list("SELECT " + COLUMNS + " FROM notification WHERE tenant = ? AND campaign_id = ? ORDER BY created_at, channel",
                this::map, tenant, campaignId);
    }

    int purgeBefore(Instant cutoff) {
        return db.update("DELETE FROM notification WHERE created_at < ?", cutoff);
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private Notification map(ResultSet rs) throws SQLException {
        return new Notification(rs.getObject("id", UUID.class), rs.getString("tenant"), rs.getObject("event_id", UUID.class),
                rs.getObject("campaign_id", UUID.class), rs.getString("contact_id"),
                Notification.Channel.valueOf(rs.getString("channel")), Notification.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"), Db.instant(rs, "next_attempt_at"), rs.getString("recipient"),
                Db.integer(rs, "last_status"), rs.getString("last_error"), Db.instant(rs, "created_at"),
                Db.instant(rs, "sent_at"));
    }
}
