package io.dialer.dialing;

import io.dialer.platform.Db;
import io.dialer.telephony.RecordingStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes recordings and survey comments older than their campaign's {@code recording.retentionDays} (30 days when
 * the campaign is gone) and clears the attempts' references. Any number of replicas may run it at once: each batch
 * locks its attempts with {@code FOR UPDATE SKIP LOCKED} while it deletes their files, so two replicas never work on
 * the same attempt. A file that cannot be deleted keeps its reference and is tried again on the next run.
 */
@ApplicationScoped
class RecordingRetention {

    private static final Logger LOG = Logger.getLogger(RecordingRetention.class);
    static final int BATCH = 200;

    private record Due(UUID id, String recording, String commentRecording) {
    }

    private final Db db;
    private final RecordingStore store;

    RecordingRetention(Db db, RecordingStore store) {
        this.db = db;
        this.store = store;
    }

    @Scheduled(every = "${dialer.recordings.retention-check-every:1h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int deleted = purge();
        if (deleted > 0) {
            LOG.infof("Deleted the recordings of %d calls past their campaign's retention period", deleted);
        }
    }

    /** Deletes what is due; returns how many attempts lost their recordings. */
    int purge() {
        int total = 0;
        while (true) {
            int[] batch = QuarkusTransaction.requiringNew().call(this::purgeBatch);
            total += batch[1];
            if (batch[0] < BATCH || batch[1] == 0) {
                return total;
            }
        }
    }

    /** One transaction: {claimed, cleared}. */
    private int[] purgeBatch() {
        List<Due> due = db.list("""
                        SELECT a.id, a.recording, a.comment_recording
                        FROM attempt a LEFT JOIN campaign c ON c.id = a.campaign_id
                        WHERE (a.recording IS NOT NULL OR a.comment_recording IS NOT NULL)
                          AND a.recorded_at < now() - make_interval(days =>
                                COALESCE((c.config -> 'recording' ->> 'retentionDays')::int, 30))
                        ORDER BY a.recorded_at
                        LIMIT ?
                        FOR UPDATE OF a SKIP LOCKED""",
                rs -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), BATCH);
        List<UUID> cleared = new ArrayList<>();
        for (Due d : due) {
            try {
                if (d.recording() != null) {
                    store.delete(d.recording());
                }
                if (d.commentRecording() != null) {
                    store.delete(d.commentRecording());
                }
                cleared.add(d.id());
            } catch (IOException | RuntimeException e) {
                LOG.warnf(e, "Cannot delete the recordings of call %s from %s; trying again on the next run", d.id(),
                        store.dir());
            }
        }
        if (!cleared.isEmpty()) {
            db.update("UPDATE attempt SET recording = NULL, comment_recording = NULL, recorded_at = NULL WHERE id = ANY (?)",
                    (Object) cleared.toArray(UUID[]::new));
        }
        return new int[] {due.size(), cleared.size()};
    }
}
