package io.dialer.contact.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.contact.ContactDraft;
import io.dialer.contact.ContactInput;
import io.dialer.contact.ContactPreparer;
import io.dialer.contact.StoredPhone;
import io.dialer.platform.FieldError;
import io.dialer.platform.Ids;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One import, start to finish, in a single database transaction: rows are read in order, mapped and
 * normalised in parallel chunks, streamed with COPY into a temporary stage table, and merged into the
 * contacts with one set-based statement. Any failure rolls everything back, so a failed import leaves
 * no half-written rows; rejected rows never stop the good ones.
 */
final class ImportRun {

    private static final int CHUNK_ROWS = 2_000;
    private static final int CHUNKS_IN_FLIGHT = 6;

    /** The file could not be read as a whole (broken CSV quoting, bad UTF-8): the job fails, nothing is written. */
    static final class ImportFailure extends Exception {
        ImportFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reports progress while rows are read. */
    interface ProgressListener {
        void progress(long bytesRead, long rowsRead);
    }

    /** A raw record from the file, not yet interpreted. */
    private record RawRow(long rowNumber, Object data) {
    }

    /** A valid row ready for the stage table. */
    private record StagedRow(long rowNumber, String externalId, String copyLine) {
    }

    private record Chunk(List<StagedRow> staged, List<ImportRowError> problems, int rejectedRows, long invalidNumbers) {
    }

    private final ImportProcessor.Submission job;
    private final ContactPreparer preparer;
    private final ObjectMapper mapper;
    private final ExecutorService workers;
    private final Set<String> markedNumbers;
    private final Instant now;

    private final List<ImportRowError> problems = new ArrayList<>();
    private long rowsRead;
    private long rejected;
    private long invalidNumbers;
    private ImportRepository.Counts counts;

    ImportRun(ImportProcessor.Submission job, ObjectMapper mapper, ExecutorService workers, Set<String> markedNumbers,
              Instant now) {
        this.job = job;
        this.mapper = mapper;
        this.preparer = new ContactPreparer(mapper);
        this.workers = workers;
        this.markedNumbers = markedNumbers;
        this.now = now;
    }

    List<ImportRowError> problems() {
        return problems;
    }

    long rowsRead() {
        return rowsRead;
    }

    long rejected() {
        return rejected;
    }

    ImportRepository.Counts counts() {
        return counts;
    }

    void execute(Connection c, InputStream in, ProgressListener progress, java.util.function.LongSupplier bytesRead)
            throws ImportFailure, SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE import_stage (row_number bigint, id uuid, external_id text, first_name text, "
                        + "last_name text, timezone text, priority integer, dial_after timestamptz, expires_at timestamptz, "
                        + "attributes jsonb, windows jsonb, phones jsonb) ON COMMIT DROP");
            }
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY import_stage FROM STDIN");
            Staging staging;
            try {
                staging = stream(in, copy, progress, bytesRead);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            merge(c, staging);
            if (job.options().isDryRun()) {
                c.rollback();
            } else {
                c.commit();
            }
        } catch (ImportFailure | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** What the streaming phase wrote to the stage. */
    private record Staging(long written, long inFileDuplicates) {
    }

    private Staging stream(InputStream in, CopyIn copy, ProgressListener progress, java.util.function.LongSupplier bytesRead)
            throws ImportFailure, SQLException {
        RecordSource source;
        try {
            source = RecordSource.open(job, in, mapper);
        } catch (IOException e) {
            throw new ImportFailure("Row 1: " + e.getMessage(), e);
        } catch (CsvFormatException e) {
            throw new ImportFailure("Row " + e.row() + ": " + e.getMessage(), e);
        }
        ImportOptions.OnDuplicate onDuplicate = job.options().duplicates();
        Set<String> seen = new HashSet<>();
        ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
        long written = 0;
        long duplicates = 0;
        long lastReport = System.nanoTime();
        try (source) {
            boolean more = true;
            while (more || !inFlight.isEmpty()) {
                if (more && inFlight.size() < CHUNKS_IN_FLIGHT) {
                    List<RawRow> raw = new ArrayList<>(CHUNK_ROWS);
                    Object data;
                    while (raw.size() < CHUNK_ROWS && (data = source.next()) != null) {
                        raw.add(new RawRow(source.rowNumber(), data));
                    }
                    rowsRead += raw.size();
                    more = raw.size() == CHUNK_ROWS;
                    if (!raw.isEmpty()) {
                        inFlight.add(workers.submit(() -> prepare(raw, source)));
                    }
                    continue;
                }
                Chunk chunk = await(inFlight.poll());
                problems.addAll(chunk.problems());
                rejected += chunk.rejectedRows();
                invalidNumbers += chunk.invalidNumbers();
                StringBuilder out = new StringBuilder(chunk.staged().size() * 256);
                for (StagedRow row : chunk.staged()) {
                    if (!seen.add(row.externalId())) {
                        duplicates++;
                        if (onDuplicate == ImportOptions.OnDuplicate.SKIP) {
                            continue;
                        }
                        if (onDuplicate == ImportOptions.OnDuplicate.ERROR) {
                            rejected++;
                            problems.add(ImportRowError.error(row.rowNumber(), row.externalId(), "externalId",
                                    "duplicate_in_file", "externalId '" + row.externalId() + "' already appeared earlier in the file"));
                            continue;
                        }
                    }
                    out.append(row.copyLine());
                    written++;
                }
                byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                if (System.nanoTime() - lastReport > 1_000_000_000L) {
                    progress.progress(bytesRead.getAsLong(), rowsRead);
                    lastReport = System.nanoTime();
                }
            }
        } catch (IOException e) {
            throw new ImportFailure("Row " + (source.rowNumber() + 1) + ": " + e.getMessage(), e);
        } catch (CsvFormatException e) {
            throw new ImportFailure("Row " + e.row() + ": " + e.getMessage(), e);
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
        return new Staging(written, duplicates);
    }

    private static Chunk await(Future<Chunk> future) throws ImportFailure {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailure("The import was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Preparing rows failed", e.getCause());
        }
    }

    private Chunk prepare(List<RawRow> rows, RecordSource source) {
        List<StagedRow> staged = new ArrayList<>(rows.size());
        List<ImportRowError> chunkProblems = new ArrayList<>();
        int rejectedRows = 0;
        long invalid = 0;
        for (RawRow raw : rows) {
            List<FieldError> errors = new ArrayList<>();
            ContactInput input = source.toContact(raw.data(), errors);
            String externalId = input != null ? input.externalId() : source.externalIdOf(raw.data());
            if (input == null || !errors.isEmpty()) {
                rejectedRows++;
                addAll(chunkProblems, raw.rowNumber(), externalId, errors);
                continue;
            }
            ContactPreparer.Prepared prepared = preparer.prepare(input, job.defaultRegion());
            if (prepared instanceof ContactPreparer.Prepared.Rejected r) {
                rejectedRows++;
                addAll(chunkProblems, raw.rowNumber(), externalId, r.errors());
                continue;
            }
            ContactDraft draft = ((ContactPreparer.Prepared.Valid) prepared).draft();
            for (int p = 0; p < draft.phones().size(); p++) {
                StoredPhone phone = draft.phones().get(p);
                if (markedNumbers.contains(phone.e164())) {
                    invalid++;
                    chunkProblems.add(new ImportRowError(raw.rowNumber(), draft.externalId(), "phones[" + p + "].number",
                            "number_marked_invalid", phone.e164() + " is marked invalid for this tenant and will not be dialled",
                            "WARNING"));
                }
            }
            staged.add(new StagedRow(raw.rowNumber(), draft.externalId(), copyLine(raw.rowNumber(), draft)));
        }
        return new Chunk(staged, chunkProblems, rejectedRows, invalid);
    }

    private static void addAll(List<ImportRowError> out, long row, String externalId, List<FieldError> errors) {
        for (FieldError e : errors) {
            out.add(ImportRowError.error(row, externalId, e.field(), e.code(), e.message()));
        }
    }

    private String copyLine(long rowNumber, ContactDraft d) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(rowNumber).append('\t').append(Ids.newId()).append('\t');
        text(sb, d.externalId()).append('\t');
        text(sb, d.firstName()).append('\t');
        text(sb, d.lastName()).append('\t');
        text(sb, d.timezone()).append('\t');
        sb.append(d.priority()).append('\t');
        text(sb, d.dialAfter() == null ? null : d.dialAfter().toString()).append('\t');
        text(sb, d.expiresAt() == null ? null : d.expiresAt().toString()).append('\t');
        text(sb, d.attributesJson()).append('\t');
        text(sb, d.windowsJson()).append('\t');
        text(sb, io.dialer.platform.Json.write(mapper, d.phones())).append('\n');
        return sb.toString();
    }

    /** COPY text format: backslash escapes for the characters that delimit fields and rows; \N is NULL. */
    private static StringBuilder text(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }

    private void merge(Connection c, Staging staging) throws SQLException {
        ImportOptions.OnDuplicate mode = job.options().duplicates();
        String source = mode == ImportOptions.OnDuplicate.UPDATE && staging.inFileDuplicates() > 0
                ? "(SELECT DISTINCT ON (external_id) * FROM import_stage ORDER BY external_id, row_number DESC) s"
                : "import_stage s";
        long distinct = staging.written() - (mode == ImportOptions.OnDuplicate.UPDATE ? staging.inFileDuplicates() : 0);
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE import_stage");
        }
        long existing = scalar(c, "SELECT count(DISTINCT s.external_id) FROM import_stage s JOIN contact c "
                + "ON c.campaign_id = ? AND c.external_id = s.external_id AND c.tenant = ?", job.campaignId(), job.tenant());
        long created = distinct - existing;
        switch (mode) {
            case UPDATE -> {
                if (!job.options().isDryRun()) {
                    insert(c, source, """
                            ON CONFLICT (campaign_id, external_id) DO UPDATE SET
                                first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, timezone = EXCLUDED.timezone,
                                priority = EXCLUDED.priority, dial_after = EXCLUDED.dial_after, expires_at = EXCLUDED.expires_at,
                                attributes = EXCLUDED.attributes, windows = EXCLUDED.windows, phones = EXCLUDED.phones,
                                state = CASE WHEN c.state = 'CANCELLED' THEN 'PENDING' ELSE c.state END,
                                next_dial_at = CASE WHEN c.state IN ('PENDING', 'CANCELLED') THEN EXCLUDED.next_dial_at ELSE c.next_dial_at END,
                                updated_at = EXCLUDED.updated_at""");
                }
                counts = new ImportRepository.Counts(rowsRead, created, staging.written() - created, 0, rejected, invalidNumbers);
            }
            case SKIP -> {
                if (!job.options().isDryRun()) {
                    insert(c, source, "ON CONFLICT (campaign_id, external_id) DO NOTHING");
                }
                counts = new ImportRepository.Counts(rowsRead, created, 0, staging.inFileDuplicates() + existing, rejected,
                        invalidNumbers);
            }
            case ERROR -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT s.row_number, s.external_id FROM import_stage s "
                        + "JOIN contact c ON c.campaign_id = ? AND c.external_id = s.external_id AND c.tenant = ?")) {
                    ps.setObject(1, job.campaignId());
                    ps.setString(2, job.tenant());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            problems.add(ImportRowError.error(rs.getLong(1), rs.getString(2), "externalId", "duplicate",
                                    "a contact with externalId '" + rs.getString(2) + "' already exists in this campaign"));
                            rejected++;
                        }
                    }
                }
                if (!job.options().isDryRun()) {
                    insert(c, source, "ON CONFLICT (campaign_id, external_id) DO NOTHING");
                }
                counts = new ImportRepository.Counts(rowsRead, created, 0, 0, rejected, invalidNumbers);
            }
            default -> throw new IllegalStateException("Unknown duplicate mode " + mode);
        }
    }

    private void insert(Connection c, String source, String conflict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO contact AS c (id, tenant, campaign_id, external_id, first_name, last_name, timezone, priority,
                    dial_after, expires_at, attributes, windows, phones, state, next_dial_at, created_at, updated_at)
                SELECT s.id, ?, ?, s.external_id, s.first_name, s.last_name, s.timezone, s.priority, s.dial_after,
                    s.expires_at, s.attributes, s.windows, s.phones, 'PENDING', COALESCE(s.dial_after, ?), ?, ?
                FROM """ + " " + source + "\n" + conflict)) {
            ps.setString(1, job.tenant());
            ps.setObject(2, job.campaignId());
            ps.setObject(3, now.atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(4, now.atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(5, now.atOffset(java.time.ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static long scalar(Connection c, String sql, UUID campaignId, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, campaignId);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
