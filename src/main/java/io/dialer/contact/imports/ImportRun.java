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
 * normalised in parallel chunks and streamed with COPY. Into an empty campaign they are copied straight into
 * the contacts (the fast path of a first load); otherwise into a temporary stage table that is merged with one
 * set-based statement honouring {@code onDuplicate}. Any failure rolls everything back, so a failed import
 * leaves no half-written rows; rejected rows never stop the good ones. An advisory lock on the campaign keeps
 * real-time upserts of the same campaign out while the import runs.
 */
final class ImportRun {

    private static final int CHUNK_ROWS = 2_000;
    private static final int CHUNKS_IN_FLIGHT = 16;

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
    /** A valid row: its COPY line is {@code text.substring(start, end)} of its chunk. */
    private record StagedRow(long rowNumber, String externalId, int start, int end, ContactDraft draft) {
    }

    /** A prepared chunk: the COPY text of its valid rows, already encoded, and what was wrong with the others. */
    private record Chunk(List<StagedRow> staged, String text, byte[] bytes, List<ImportRowError> problems,
                         int rejectedRows, long invalidNumbers) {
    }

    private final ImportProcessor.Submission job;
    private final ContactPreparer preparer;
    private final ObjectMapper mapper;
    private final ExecutorService workers;
    private final Set<String> markedNumbers;
    private final Instant now;

    private final List<ImportRowError> problems = new ArrayList<>();
    private final StringBuilder timings = new StringBuilder();
    private volatile long rowsRead;
    private long rejected;
    private long invalidNumbers;
    private ImportRepository.Counts counts;
    private boolean direct;
    private String directSuffix;
    private final List<StagedRow> laterDuplicates = new ArrayList<>();

    ImportRun(ImportProcessor.Submission job, ObjectMapper mapper, ExecutorService workers, Set<String> markedNumbers,
              Instant now) {
        this.job = job;
        this.mapper = mapper;
        this.preparer = new ContactPreparer(mapper);
        this.workers = workers;
        this.markedNumbers = markedNumbers;
        this.now = now;
    }

    /** Where the time went, for the log. */
    String timings() {
        return timings.toString();
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
            lockCampaign(c, job.campaignId());
            direct = campaignIsEmpty(c);
            String target;
            if (direct) {
                target = "COPY contact (id, external_id, first_name, last_name, timezone, priority, dial_after, expires_at, "
                        + "attributes, windows, phones, tenant, campaign_id, next_dial_at) FROM STDIN";
                directSuffix = "\t" + CopyText.escape(job.tenant()) + "\t" + job.campaignId() + "\t";
            } else {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TEMP TABLE import_stage (row_number bigint, id uuid, external_id text, first_name text, "
                            + "last_name text, timezone text, priority integer, dial_after timestamptz, expires_at timestamptz, "
                            + "attributes jsonb, windows jsonb, phones jsonb) ON COMMIT DROP");
                }
                target = "COPY import_stage FROM STDIN";
            }
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(target);
            Staging staging;
            long t0 = System.nanoTime();
            try {
                staging = stream(in, copy, progress, bytesRead);
                copy.endCopy();
                timings.append("stream+copy ").append((System.nanoTime() - t0) / 1_000_000).append(" ms; ");
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            long t1 = System.nanoTime();
            if (direct) {
                applyLaterDuplicates(c, staging);
            } else {
                merge(c, staging);
            }
            timings.append("merge ").append((System.nanoTime() - t1) / 1_000_000).append(" ms; ");
            long t2 = System.nanoTime();
            if (job.options().isDryRun()) {
                c.rollback();
            } else {
                c.commit();
            }
            timings.append("commit ").append((System.nanoTime() - t2) / 1_000_000).append(" ms");
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

    /**
     * Reads records on this thread and hands chunks to the workers; a writer thread takes the prepared chunks in
     * file order and streams them to COPY, so reading and normalising never wait for the database.
     */
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
        java.util.concurrent.BlockingQueue<Future<Chunk>> prepared = new java.util.concurrent.ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
        ChunkWriter writer = new ChunkWriter(copy, prepared, progress, bytesRead);
        Thread writerThread = new Thread(writer, "import-writer-" + job.jobId());
        writerThread.setDaemon(true);
        writerThread.start();
        ImportFailure readFailure = null;
        try (source) {
            boolean more = true;
            while (more && !writer.failed()) {
                List<RawRow> raw = new ArrayList<>(CHUNK_ROWS);
                Object data;
                while (raw.size() < CHUNK_ROWS && (data = source.next()) != null) {
                    raw.add(new RawRow(source.rowNumber(), data));
                }
                rowsRead += raw.size();
                more = raw.size() == CHUNK_ROWS;
                if (!raw.isEmpty()) {
                    prepared.put(workers.submit(() -> prepare(raw, source)));
                }
            }
        } catch (IOException e) {
            readFailure = new ImportFailure("Row " + (source.rowNumber() + 1) + ": " + e.getMessage(), e);
        } catch (CsvFormatException e) {
            readFailure = new ImportFailure("Row " + e.row() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            readFailure = new ImportFailure("The import was interrupted", e);
        } finally {
            writer.finish(readFailure != null);
            try {
                writerThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (readFailure != null) {
            throw readFailure;
        }
        writer.rethrow();
        return new Staging(writer.written, writer.duplicates);
    }

    /** Takes prepared chunks in file order, settles duplicates of the file and writes the rows to COPY. */
    private final class ChunkWriter implements Runnable {
        private final CopyIn copy;
        private final java.util.concurrent.BlockingQueue<Future<Chunk>> prepared;
        private final ProgressListener progress;
        private final java.util.function.LongSupplier bytesRead;
        private final java.util.Map<String, Long> seen = new java.util.HashMap<>();
        private volatile boolean done;
        private volatile boolean abandon;
        private volatile Exception failure;
        long written;
        long duplicates;

        ChunkWriter(CopyIn copy, java.util.concurrent.BlockingQueue<Future<Chunk>> prepared, ProgressListener progress,
                    java.util.function.LongSupplier bytesRead) {
            this.copy = copy;
            this.prepared = prepared;
            this.progress = progress;
            this.bytesRead = bytesRead;
        }

        boolean failed() {
            return failure != null;
        }

        void finish(boolean abandonRemaining) {
            abandon = abandonRemaining;
            done = true;
        }

        void rethrow() throws ImportFailure, SQLException {
            if (failure instanceof SQLException e) {
                throw e;
            }
            if (failure instanceof ImportFailure e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException("Writing the import failed", failure);
            }
        }

        @Override
        public void run() {
            long lastReport = System.nanoTime();
            try {
                while (true) {
                    boolean lastRound = done;
                    Future<Chunk> next = prepared.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (next == null) {
                        // the reader puts its last chunk before it sets done, so an empty queue seen after done is final
                        if (lastRound) {
                            break;
                        }
                        continue;
                    }
                    if (abandon) {
                        next.cancel(true);
                        continue;
                    }
                    write(await(next));
                    if (System.nanoTime() - lastReport > 1_000_000_000L) {
                        progress.progress(bytesRead.getAsLong(), rowsRead);
                        lastReport = System.nanoTime();
                    }
                }
            } catch (Exception e) {
                failure = e;
                prepared.forEach(f -> f.cancel(true));
                prepared.clear();
            }
        }

        private void write(Chunk chunk) throws SQLException {
            ImportOptions.OnDuplicate onDuplicate = job.options().duplicates();
            problems.addAll(chunk.problems());
            rejected += chunk.rejectedRows();
            invalidNumbers += chunk.invalidNumbers();
            boolean clean = true;
            for (StagedRow row : chunk.staged()) {
                if (seen.putIfAbsent(row.externalId(), row.rowNumber()) != null) {
                    clean = false;
                }
            }
            if (clean) {
                copy.writeToCopy(chunk.bytes(), 0, chunk.bytes().length);
                written += chunk.staged().size();
                return;
            }
            StringBuilder out = new StringBuilder(chunk.text().length());
            Set<String> inChunk = new HashSet<>();
            for (StagedRow row : chunk.staged()) {
                boolean laterCopy = !inChunk.add(row.externalId()) || seenBefore(seen, row, chunk);
                if (laterCopy) {
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
                    if (direct) {
                        laterDuplicates.add(row);
                        continue;
                    }
                }
                out.append(chunk.text(), row.start(), row.end());
                written++;
            }
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
        }
    }

    /** True when the first occurrence of this row's externalId is an earlier row than this one. */
    private static boolean seenBefore(java.util.Map<String, Long> seen, StagedRow row, Chunk chunk) {
        Long first = seen.get(row.externalId());
        return first != null && first < row.rowNumber() && first < chunk.staged().get(0).rowNumber();
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
        StringBuilder text = new StringBuilder(rows.size() * 300);
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
            int start = text.length();
            copyLine(text, raw.rowNumber(), draft);
            staged.add(new StagedRow(raw.rowNumber(), draft.externalId(), start, text.length(), draft));
        }
        String chunkText = text.toString();
        return new Chunk(staged, chunkText, chunkText.getBytes(StandardCharsets.UTF_8), chunkProblems, rejectedRows, invalid);
    }

    private static void addAll(List<ImportRowError> out, long row, String externalId, List<FieldError> errors) {
        for (FieldError e : errors) {
            out.add(ImportRowError.error(row, externalId, e.field(), e.code(), e.message()));
        }
    }

    /** Appends the row's COPY line: the stage table's columns, or the contact table's on the direct path. */
    private void copyLine(StringBuilder sb, long rowNumber, ContactDraft d) {
        if (!direct) {
            sb.append(rowNumber).append('\t');
        }
        sb.append(Ids.newId()).append('\t');
        CopyText.text(sb, d.externalId()).append('\t');
        CopyText.text(sb, d.firstName()).append('\t');
        CopyText.text(sb, d.lastName()).append('\t');
        CopyText.text(sb, d.timezone()).append('\t');
        sb.append(d.priority()).append('\t');
        CopyText.text(sb, d.dialAfter() == null ? null : d.dialAfter().toString()).append('\t');
        CopyText.text(sb, d.expiresAt() == null ? null : d.expiresAt().toString()).append('\t');
        CopyText.text(sb, d.attributesJson()).append('\t');
        CopyText.text(sb, d.windowsJson()).append('\t');
        CopyText.text(sb, CopyText.phonesJson(d.phones()));
        if (direct) {
            sb.append(directSuffix).append(d.dialAfter() == null ? "\\N" : d.dialAfter().toString());
        }
        sb.append('\n');
    }

    private static void lockCampaign(Connection c, UUID campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, campaignId.getMostSignificantBits() ^ campaignId.getLeastSignificantBits());
            ps.execute();
        }
    }

    private boolean campaignIsEmpty(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM contact WHERE campaign_id = ? AND tenant = ?)")) {
            ps.setObject(1, job.campaignId());
            ps.setString(2, job.tenant());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Direct path: later rows for an externalId already in the file update it in file order (last one wins). */
    private void applyLaterDuplicates(Connection c, Staging staging) throws SQLException {
        ImportOptions.OnDuplicate mode = job.options().duplicates();
        if (mode == ImportOptions.OnDuplicate.UPDATE && !laterDuplicates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE contact SET first_name = ?, last_name = ?, timezone = ?, "
                    + "priority = ?, dial_after = ?, expires_at = ?, attributes = ?::jsonb, windows = ?::jsonb, phones = ?::jsonb, "
                    + "next_dial_at = CASE WHEN state = 'PENDING' THEN ? ELSE next_dial_at END, planned = false, updated_at = ? WHERE campaign_id = ? AND tenant = ? AND external_id = ?")) {
                for (StagedRow row : laterDuplicates) {
                    ContactDraft d = row.draft();
                    io.dialer.platform.Db.bind(ps, d.firstName(), d.lastName(), d.timezone(), d.priority(), d.dialAfter(),
                            d.expiresAt(), d.attributesJson(), d.windowsJson(), CopyText.phonesJson(d.phones()), d.dialAfter(), now,
                            job.campaignId(), job.tenant(), d.externalId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        long skipped = mode == ImportOptions.OnDuplicate.SKIP ? staging.inFileDuplicates() : 0;
        counts = new ImportRepository.Counts(rowsRead, staging.written(), laterDuplicates.size(), skipped, rejected,
                invalidNumbers);
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
                            planned = false,
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
                    s.expires_at, s.attributes, s.windows, s.phones, 'PENDING', s.dial_after, ?, ?
                FROM """ + " " + source + "\n" + conflict)) {
            ps.setString(1, job.tenant());
            ps.setObject(2, job.campaignId());
            ps.setObject(3, now.atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(4, now.atOffset(java.time.ZoneOffset.UTC));
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
