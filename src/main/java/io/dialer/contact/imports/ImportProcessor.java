package io.dialer.contact.imports;

import io.dialer.webhook.EventLog;
import io.dialer.webhook.EventTypes;
import io.dialer.webhook.NewEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.dialer.platform.Db;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs import jobs in the background on the replica that received the file. Jobs report a heartbeat; when a
 * replica dies mid-import, {@link #failAbandonedJobs()} on any replica marks the job FAILED (its transaction
 * was never committed, so nothing was imported).
 */
@ApplicationScoped
public class ImportProcessor {

    private static final Logger LOG = Logger.getLogger(ImportProcessor.class);
    private static final Duration STALE_AFTER = Duration.ofMinutes(2);

    /** Everything a job needs to run, fixed when it was accepted. */
    record Submission(UUID jobId, String tenant, UUID campaignId, String defaultRegion, String format,
                      ImportOptions options, Path file) {
    }

    private final AgroalDataSource dataSource;
    private final Db db;
    private final ImportRepository jobs;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String instanceId = UUID.randomUUID().toString();
    private final ExecutorService jobRunner = Executors.newFixedThreadPool(2, named("import-job"));
    private final ExecutorService workers =
            Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), named("import-worker"));

    ImportProcessor(AgroalDataSource dataSource, Db db, ImportRepository jobs, ObjectMapper mapper, Clock clock,
                    EventLog events, MeterRegistry registry) {
        this.events = events;
        this.importedRows = Counter.builder("dialer.import.rows").tag("result", "imported")
                .description("Rows of completed imports (dry runs excluded), imported (created or updated) or rejected")
                .register(registry);
        this.rejectedRows = Counter.builder("dialer.import.rows").tag("result", "rejected")
                .description("Rows of completed imports (dry runs excluded), imported (created or updated) or rejected")
                .register(registry);
        this.dataSource = dataSource;
        this.db = db;
        this.jobs = jobs;
        this.mapper = mapper;
        this.clock = clock;
    }

    private final EventLog events;
    private final Counter importedRows;
    private final Counter rejectedRows;

    String instanceId() {
        return instanceId;
    }

    void submit(Submission job) {
        jobRunner.submit(() -> run(job));
    }

    private void fail(Submission job, String failure, ImportRun run) {
        QuarkusTransaction.requiringNew().run(() -> {
            jobs.fail(job.jobId(), failure, run.rowsRead(), run.rejected(), clock.instant());
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("importId", job.jobId().toString());
            data.put("campaignId", job.campaignId().toString());
            data.put("failure", failure);
            events.record(new NewEvent(job.tenant(), EventTypes.IMPORT_FAILED, job.campaignId(), data));
        });
    }

    void run(Submission job) {
        jobs.markRunning(job.jobId(), clock.instant());
        ImportRun run = new ImportRun(job, mapper, workers, markedNumbers(job.tenant()), clock.instant());
        try (CountingStream in = new CountingStream(new BufferedInputStream(Files.newInputStream(job.file()), 1 << 16));
             Connection c = dataSource.getConnection()) {
            run.execute(c, in, (bytes, rows) -> jobs.progress(job.jobId(), bytes, rows, clock.instant()), in::count);
            saveProblems(job, run.problems());
            ImportRepository.Counts counts = run.counts();
            QuarkusTransaction.requiringNew().run(() -> {
                jobs.complete(job.jobId(), counts, clock.instant());
                Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("importId", job.jobId().toString());
                data.put("campaignId", job.campaignId().toString());
                data.put("dryRun", Boolean.TRUE.equals(job.options().dryRun()));
                data.put("rowsRead", counts.rowsRead());
                data.put("rowsCreated", counts.created());
                data.put("rowsUpdated", counts.updated());
                data.put("rowsSkipped", counts.skipped());
                data.put("rowsRejected", counts.rejected());
                events.record(new NewEvent(job.tenant(), EventTypes.IMPORT_COMPLETED, job.campaignId(), data));
            });
            if (!Boolean.TRUE.equals(job.options().dryRun())) {
                importedRows.increment(counts.created() + counts.updated());
                rejectedRows.increment(counts.rejected());
            }
            LOG.infof("Import %s finished: %s (%s)", job.jobId(), run.counts(), run.timings());
        } catch (ImportRun.ImportFailure e) {
            saveProblems(job, run.problems());
            fail(job, e.getMessage() + ". Nothing was imported.", run);
        } catch (Exception e) {
            LOG.errorf(e, "Import %s failed", job.jobId());
            fail(job, "The import failed on the server; nothing was imported. Submit it again.", run);
        } finally {
            try {
                Files.deleteIfExists(job.file());
            } catch (IOException e) {
                LOG.warnf("Could not delete import spool file %s", job.file());
            }
        }
    }

    private Set<String> markedNumbers(String tenant) {
        return new HashSet<>(db.list("SELECT e164 FROM phone_number_status WHERE tenant = ? AND status = 'INVALID'",
                rs -> rs.getString(1), tenant));
    }

    private void saveProblems(Submission job, List<ImportRowError> problems) {
        if (problems.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY import_error (import_id, tenant, row_number, seq, external_id, field, code, message, severity) FROM STDIN");
            StringBuilder sb = new StringBuilder();
            long lastRow = -1;
            int seq = 0;
            List<ImportRowError> sorted = problems.stream()
                    .sorted(java.util.Comparator.comparingLong(ImportRowError::rowNumber)).toList();
            for (ImportRowError e : sorted) {
                seq = e.rowNumber() == lastRow ? seq + 1 : 0;
                lastRow = e.rowNumber();
                sb.append(job.jobId()).append('\t');
                esc(sb, job.tenant()).append('\t').append(e.rowNumber()).append('\t').append(seq).append('\t');
                esc(sb, e.externalId()).append('\t');
                esc(sb, e.field()).append('\t');
                esc(sb, e.code()).append('\t');
                esc(sb, e.message()).append('\t');
                esc(sb, e.severity()).append('\n');
                if (sb.length() > 1 << 20) {
                    write(copy, sb);
                }
            }
            write(copy, sb);
            copy.endCopy();
        } catch (SQLException e) {
            LOG.errorf(e, "Could not store the row errors of import %s", job.jobId());
        }
    }

    private static void write(CopyIn copy, StringBuilder sb) throws SQLException {
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        sb.setLength(0);
    }

    private static StringBuilder esc(StringBuilder sb, String v) {
        if (v == null) {
            return sb.append("\\N");
        }
        return sb.append(v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
    }

    @Scheduled(every = "30s", delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS)
    void failAbandonedJobs() {
        Instant now = clock.instant();
        db.update("UPDATE import_job SET heartbeat_at = ? WHERE owner = ? AND state IN ('QUEUED', 'RUNNING')", now, instanceId);
        int failed = jobs.failAbandoned(now.minus(STALE_AFTER), now);
        if (failed > 0) {
            LOG.warnf("Marked %d import job(s) FAILED: their replica stopped while processing them", failed);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        jobRunner.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Counts bytes read so that progress can be reported against the file size. */
    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
