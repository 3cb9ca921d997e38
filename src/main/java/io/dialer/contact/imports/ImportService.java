package io.dialer.contact.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.campaign.Campaign;
import io.dialer.contact.ContactService;
import io.dialer.contact.phone.PhoneNormalizer;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Ids;
import io.dialer.platform.Json;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Accepts import files: checks what can be checked at once (campaign, options, CSV header and mapping) so that
 * a bad request fails synchronously, spools the file and queues the job.
 */
@ApplicationScoped
public class ImportService {

    private final ContactService contacts;
    private final ImportRepository jobs;
    private final ImportProcessor processor;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Path spoolDir;

    ImportService(ContactService contacts, ImportRepository jobs, ImportProcessor processor, ObjectMapper mapper,
                  Clock clock, @ConfigProperty(name = "dialer.imports.spool-dir",
            defaultValue = "${java.io.tmpdir}/dialer-imports") String spoolDir) {
        this.contacts = contacts;
        this.jobs = jobs;
        this.processor = processor;
        this.mapper = mapper;
        this.clock = clock;
        this.spoolDir = Path.of(spoolDir);
    }

    /** Reads the body into the spool and accepts the job. */
    public ImportJob submit(String tenant, String campaignId, String format, ImportOptions options, InputStream body) {
        Path file = spool(body);
        return submitFile(tenant, campaignId, format, options, file);
    }

    public ImportJob submitFile(String tenant, String campaignId, String format, ImportOptions options, Path file) {
        try {
            Campaign campaign = contacts.writableCampaign(tenant, campaignId);
            ImportOptions opts = options == null ? new ImportOptions(null, null, null, null) : options;
            validate(opts);
            long size = Files.size(file);
            if (size == 0) {
                throw ApiProblem.invalidField("file", "empty", "the file is empty");
            }
            if (ImportFormat.CSV.equals(format)) {
                checkHeader(file, opts);
            }
            String region = opts.defaultRegion() != null ? opts.defaultRegion().toUpperCase(Locale.ROOT) : campaign.defaultRegion();
            UUID id = Ids.newId();
            jobs.insert(id, tenant, campaign.id(), format, opts.isDryRun(), opts.duplicates().name(), Json.write(mapper, opts),
                    size, processor.instanceId(), clock.instant());
            processor.submit(new ImportProcessor.Submission(id, tenant, campaign.id(), region, format, opts, file));
            return get(tenant, id.toString());
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
    }

    public ImportJob get(String tenant, String id) {
        return jobs.find(tenant, Ids.parse("Import", id)).orElseThrow(() -> ApiProblem.notFound("Import", id));
    }

    public Page<ImportJob> listForCampaign(String tenant, String campaignId, PageRequest page) {
        Campaign campaign = contacts.campaign(tenant, campaignId);
        return page.page(jobs.listForCampaign(tenant, campaign.id(), page.afterId(), page.limit() + 1), ImportJob::id);
    }

    public Page<ImportRowError> errors(String tenant, String id, PageRequest page) {
        ImportJob job = get(tenant, id);
        long afterRow = -1;
        int afterSeq = -1;
        if (page.afterKey() != null) {
            String[] parts = page.afterKey().split(":");
            try {
                afterRow = Long.parseLong(parts[0]);
                afterSeq = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw ApiProblem.invalidField("cursor", "invalid_cursor", "is not a cursor returned by this API");
            }
        }
        List<ImportRepository.StoredError> rows = jobs.errors(tenant, UUID.fromString(job.id()), afterRow, afterSeq, page.limit() + 1);
        Page<ImportRepository.StoredError> p = page.page(rows, e -> e.rowNumber() + ":" + e.seq());
        return new Page<>(p.items().stream().map(ImportRepository.StoredError::error).toList(), p.nextCursor());
    }

    private void validate(ImportOptions o) {
        List<FieldError> errors = new ArrayList<>();
        if (o.onDuplicate() != null && !List.of("UPDATE", "SKIP", "ERROR").contains(o.onDuplicate().toUpperCase(Locale.ROOT))) {
            errors.add(new FieldError("onDuplicate", "invalid_value", "must be update, skip or error"));
        }
        if (o.defaultRegion() != null && !PhoneNormalizer.shared().isSupportedRegion(o.defaultRegion().toUpperCase(Locale.ROOT))) {
            errors.add(new FieldError("defaultRegion", "invalid_region", "must be an ISO 3166 country code such as US"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
    }

    private static void checkHeader(Path file, ImportOptions options) {
        try (InputStream in = Files.newInputStream(file); CsvReader reader = CsvReader.open(in)) {
            List<FieldError> errors = new ArrayList<>();
            CsvRowMapper.create(reader.header(), options.mapping(), errors);
            if (!errors.isEmpty()) {
                throw ApiProblem.validation(errors);
            }
        } catch (CsvFormatException e) {
            throw ApiProblem.badRequest("Malformed CSV at row " + e.row() + ": " + e.getMessage());
        } catch (IOException e) {
            throw ApiProblem.badRequest("Cannot read the CSV header: " + e.getMessage());
        }
    }

    Path spool(InputStream body) {
        try {
            Files.createDirectories(spoolDir);
            Path file = Files.createTempFile(spoolDir, "import-", ".data");
            if (body != null) {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool the import file", e);
        }
    }

    Path spoolCopy(Path upload) {
        try {
            Files.createDirectories(spoolDir);
            Path file = Files.createTempFile(spoolDir, "import-", ".data");
            Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool the import file", e);
        }
    }

    /** SHA-256 of a spooled file, for the idempotency fingerprint of an import. */
    static String hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the spool is a temp folder; a leftover file does no harm
        }
    }
}
