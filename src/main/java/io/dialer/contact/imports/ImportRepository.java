package io.dialer.contact.imports;

import io.dialer.platform.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for import jobs and their row errors. Every read filters on the tenant. */
@ApplicationScoped
class ImportRepository {

    /** Final counters of a finished import. */
    record Counts(long rowsRead, long created, long updated, long skipped, long rejected, long invalidNumbers) {
    }

    private static final String COLUMNS = "id, campaign_id, state, format, dry_run, on_duplicate, bytes_total, bytes_read, "
            + "rows_read, rows_created, rows_updated, rows_skipped, rows_rejected, invalid_numbers, failure, created_at, "
            + "started_at, finished_at";

    private final Db db;

    ImportRepository(Db db) {
        this.db = db;
    }

    void insert(UUID id, String tenant, UUID campaignId, String format, boolean dryRun, String onDuplicate,
                String optionsJson, long bytes, String owner, Instant now) {
        db.update("INSERT INTO import_job (id, tenant, campaign_id, state, format, dry_run, on_duplicate, options, bytes_total, "
                        + "owner, heartbeat_at, created_at) VALUES (?, ?, ?, 'QUEUED', ?, ?, ?, ?::jsonb, ?, ?, ?, ?)",
                id, tenant, campaignId, format, dryRun, onDuplicate, optionsJson, bytes, owner, now, now);
    }

    Optional<ImportJob> find(String tenant, UUID id) {
        return db.one("SELECT " + COLUMNS + " FROM import_job WHERE tenant = ? AND id = ?", ImportRepository::map, tenant, id);
    }

    List<ImportJob> listForCampaign(String tenant, UUID campaignId, UUID after, int limit) {
        return db.list("SELECT " + COLUMNS + " FROM import_job WHERE tenant = ? AND campaign_id = ? "
                + "AND (?::uuid IS NULL OR id > ?) ORDER BY id LIMIT ?", ImportRepository::map, tenant, campaignId, after, after, limit);
    }

    void markRunning(UUID id, Instant now) {
        db.update("UPDATE import_job SET state = 'RUNNING', started_at = ?, heartbeat_at = ? WHERE id = ?", now, now, id);
    }

    void progress(UUID id, long bytesRead, long rowsRead, Instant now) {
        db.update("UPDATE import_job SET bytes_read = ?, rows_read = ?, heartbeat_at = ? WHERE id = ? AND state = 'RUNNING'",
                bytesRead, rowsRead, now, id);
    }

    void complete(UUID id, Counts c, Instant now) {
        db.update("UPDATE import_job SET state = 'COMPLETED', bytes_read = bytes_total, rows_read = ?, rows_created = ?, "
                        + "rows_updated = ?, rows_skipped = ?, rows_rejected = ?, invalid_numbers = ?, finished_at = ?, "
                        + "heartbeat_at = ? WHERE id = ?",
                c.rowsRead(), c.created(), c.updated(), c.skipped(), c.rejected(), c.invalidNumbers(), now, now, id);
    }

    void fail(UUID id, String failure, long rowsRead, long rejected, Instant now) {
        db.update("UPDATE import_job SET state = 'FAILED', failure = ?, rows_read = ?, rows_rejected = ?, rows_created = 0, "
                + "rows_updated = 0, rows_skipped = 0, finished_at = ?, heartbeat_at = ? WHERE id = ?",
                failure, rowsRead, rejected, now, now, id);
    }

    /** Jobs whose processing replica stopped sending heartbeats are failed, so no job stays RUNNING forever. */
    int failAbandoned(Instant staleBefore, Instant now) {
        return db.update("UPDATE import_job SET state = 'FAILED', finished_at = ?, failure = 'The service instance processing "
                + "this import stopped before it finished; nothing was imported. Submit the file again.' "
                + "WHERE state IN ('QUEUED', 'RUNNING') AND heartbeat_at < ?", now, staleBefore);
    }

    /** A stored error with its position, for keyset pagination. */
    record StoredError(long rowNumber, int seq, ImportRowError error) {
    }

    List<StoredError> errors(String tenant, UUID importId, long afterRow, int afterSeq, int limit) {
        return db.list("SELECT row_number, seq, external_id, field, code, message, severity FROM import_error "
                        + "WHERE tenant = ? AND import_id = ? AND (row_number, seq) > (?, ?) ORDER BY row_number, seq LIMIT ?",
                rs -> new StoredError(rs.getLong("row_number"), rs.getInt("seq"), new ImportRowError(rs.getLong("row_number"),
                        rs.getString("external_id"), rs.getString("field"), rs.getString("code"), rs.getString("message"),
                        rs.getString("severity"))),
                tenant, importId, afterRow, afterSeq, limit);
    }

    private static ImportJob map(ResultSet rs) throws SQLException {
        long total = rs.getLong("bytes_total");
        ImportJob.ImportState state = ImportJob.ImportState.valueOf(rs.getString("state"));
        double progress = state == ImportJob.ImportState.COMPLETED ? 1.0
                : total == 0 ? 0.0 : Math.min(0.99, (double) rs.getLong("bytes_read") / total);
        long created = rs.getLong("rows_created");
        long updated = rs.getLong("rows_updated");
        return new ImportJob(rs.getObject("id", UUID.class).toString(), rs.getObject("campaign_id", UUID.class).toString(),
                state, rs.getString("format"), rs.getBoolean("dry_run"), rs.getString("on_duplicate"), rs.getLong("rows_read"),
                created + updated, created, updated, rs.getLong("rows_skipped"), rs.getLong("rows_rejected"),
                rs.getLong("invalid_numbers"), Math.round(progress * 1000) / 1000.0, rs.getString("failure"),
                Db.instant(rs, "created_at"), Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"));
    }
}
