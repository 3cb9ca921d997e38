package io.dialer.dialing;

import io.dialer.platform.Db;
import io.dialer.platform.ScaledClock;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Campaign leases. Expiry is judged by the database clock, the one clock all replicas share. */
@ApplicationScoped
public class LeaseRepository {

    /** A campaign that needs a loop and has none: running, or with calls left open by a loop that died. */
    public record Orphan(UUID campaignId, String tenant) {
    }

    private final Db db;
    private final Clock wallClock;

    LeaseRepository(Db db, Clock wallClock) {
        this.db = db;
        this.wallClock = wallClock;
    }

    public List<Orphan> orphans(int limit) {
        return db.list("""
                SELECT c.id, c.tenant FROM campaign c LEFT JOIN campaign_lease l ON l.campaign_id = c.id
                WHERE (c.state = 'RUNNING' OR c.id IN (SELECT campaign_id FROM attempt WHERE state <> 'ENDED'))
                  AND (l.campaign_id IS NULL OR l.expires_at < now())
                ORDER BY random() LIMIT ?""", rs -> new Orphan(rs.getObject(1, UUID.class), rs.getString(2)), limit);
    }

    /**
     * Takes the campaign if nobody holds it. The campaign clock is anchored the first time and kept afterwards, so a
     * simulated campaign's time runs on whichever replica owns it.
     */
    public Optional<Lease> acquire(Orphan campaign, String owner, int seconds, double timeScale, Instant campaignStart) {
        return db.one("""
                        INSERT INTO campaign_lease AS l (campaign_id, tenant, owner, epoch, expires_at, clock_anchor, campaign_anchor, time_scale)
                        VALUES (?, ?, ?, 1, now() + make_interval(secs => ?), ?, ?, ?)
                        ON CONFLICT (campaign_id) DO UPDATE SET owner = EXCLUDED.owner, epoch = l.epoch + 1,
                            expires_at = EXCLUDED.expires_at
                        WHERE l.expires_at < now()
                        RETURNING epoch, clock_anchor, campaign_anchor, time_scale""",
                rs -> new Lease(campaign.campaignId(), campaign.tenant(), owner, rs.getLong(1),
                        new ScaledClock(wallClock, Db.instant(rs, "clock_anchor"), Db.instant(rs, "campaign_anchor"),
                                rs.getDouble(4))),
                campaign.campaignId(), campaign.tenant(), owner, seconds, wallClock.instant(),
                campaignStart == null ? wallClock.instant() : campaignStart, timeScale);
    }

    /** Extends the lease and publishes the loop's live figures; false when the lease was lost. */
    public boolean renew(Lease lease, int seconds, String liveJson) {
        return db.update("UPDATE campaign_lease SET expires_at = now() + make_interval(secs => ?), live = ?::jsonb "
                        + "WHERE campaign_id = ? AND owner = ? AND epoch = ? AND expires_at > now()",
                seconds, liveJson, lease.campaignId(), lease.owner(), lease.epoch()) == 1;
    }

    /**
     * Inside a transaction: true while the lease is ours, and it stays ours until the transaction ends (a taker's
     * update waits for the share lock). Every write of a loop starts with it.
     */
    public boolean holds(Lease lease) {
        return db.one("SELECT 1 FROM campaign_lease WHERE campaign_id = ? AND owner = ? AND epoch = ? AND expires_at > now() FOR SHARE",
                rs -> 1, lease.campaignId(), lease.owner(), lease.epoch()).isPresent();
    }

    public void release(Lease lease) {
        db.update("UPDATE campaign_lease SET expires_at = now() - interval '1 millisecond', live = NULL "
                + "WHERE campaign_id = ? AND owner = ? AND epoch = ?", lease.campaignId(), lease.owner(), lease.epoch());
    }

    /** The campaign's clock (real time until it first ran). */
    public Clock clockOf(UUID campaignId) {
        return db.one("SELECT clock_anchor, campaign_anchor, time_scale FROM campaign_lease WHERE campaign_id = ?",
                rs -> (Clock) new ScaledClock(wallClock, Db.instant(rs, "clock_anchor"), Db.instant(rs, "campaign_anchor"),
                        rs.getDouble(3)), campaignId).orElse(wallClock);
    }

    /** What the owning loop last published, if a loop runs the campaign now. */
    public Optional<String> live(String tenant, UUID campaignId) {
        return db.one("SELECT live::text FROM campaign_lease WHERE campaign_id = ? AND tenant = ? AND expires_at > now() AND live IS NOT NULL",
                rs -> rs.getString(1), campaignId, tenant);
    }

    Instant now() {
        return wallClock.instant();
    }
}
