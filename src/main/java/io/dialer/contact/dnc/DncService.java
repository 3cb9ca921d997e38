package io.dialer.contact.dnc;

import io.dialer.contact.phone.PhoneNormalizer;
import io.dialer.contact.phone.PhoneParseResult;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.Db;
import io.dialer.platform.FieldError;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The tenant-wide do-not-call list. The dialer checks it at dial time; DNC_BLOCKED never reaches a carrier. */
@ApplicationScoped
public class DncService {

    public static final int MAX_BATCH = 1000;

    public record DncEntry(String e164, String reason, String source, Instant createdAt) {
    }

    public record AddResult(int index, String number, String e164, String status, List<FieldError> errors) {
    }

    private final Db db;
    private final Clock clock;

    DncService(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Transactional
    public List<AddResult> add(String tenant, List<String> numbers, String defaultRegion, String reason, String source) {
        if (numbers == null || numbers.isEmpty()) {
            throw ApiProblem.invalidField("numbers", "required", "needs at least one number");
        }
        if (numbers.size() > MAX_BATCH) {
            throw ApiProblem.invalidField("numbers", "too_many", "at most " + MAX_BATCH + " numbers per request");
        }
        if (defaultRegion != null && !PhoneNormalizer.shared().isSupportedRegion(defaultRegion)) {
            throw ApiProblem.invalidField("defaultRegion", "invalid_region", "must be an ISO 3166 country code such as US");
        }
        Instant now = clock.instant();
        List<AddResult> results = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String raw = numbers.get(i);
            PhoneParseResult parsed = PhoneNormalizer.shared().normalize(raw, defaultRegion);
            if (parsed instanceof PhoneParseResult.Valid v) {
                int inserted = db.update("INSERT INTO dnc_entry (tenant, e164, reason, source, created_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (tenant, e164) DO NOTHING", tenant, v.phone().e164(), reason, source, now);
                results.add(new AddResult(i, raw, v.phone().e164(), inserted == 1 ? "added" : "exists", null));
            } else if (parsed instanceof PhoneParseResult.Invalid bad) {
                results.add(new AddResult(i, raw, null, "rejected",
                        List.of(new FieldError("numbers[" + i + "]", bad.code().toLowerCase(), bad.message()))));
            }
        }
        return results;
    }

    public DncEntry get(String tenant, String e164) {
        return db.one("SELECT e164, reason, source, created_at FROM dnc_entry WHERE tenant = ? AND e164 = ?",
                        rs -> new DncEntry(rs.getString("e164"), rs.getString("reason"), rs.getString("source"),
                                Db.instant(rs, "created_at")), tenant, e164)
                .orElseThrow(() -> ApiProblem.notFound("Do-not-call entry", e164));
    }

    @Transactional
    public void remove(String tenant, String e164) {
        if (db.update("DELETE FROM dnc_entry WHERE tenant = ? AND e164 = ?", tenant, e164) == 0) {
            throw ApiProblem.notFound("Do-not-call entry", e164);
        }
    }

    public Page<DncEntry> list(String tenant, PageRequest page) {
        List<DncEntry> rows = db.list("SELECT e164, reason, source, created_at FROM dnc_entry WHERE tenant = ? "
                        + "AND (?::text IS NULL OR e164 > ?) ORDER BY e164 LIMIT ?",
                rs -> new DncEntry(rs.getString("e164"), rs.getString("reason"), rs.getString("source"),
                        Db.instant(rs, "created_at")), tenant, page.afterKey(), page.afterKey(), page.limit() + 1);
        return page.page(rows, DncEntry::e164);
    }

    /** Which of these numbers are on the tenant's list. */
    public Set<String> blocked(String tenant, Collection<String> e164s) {
        if (e164s.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.list("SELECT e164 FROM dnc_entry WHERE tenant = ? AND e164 = ANY (?)",
                rs -> rs.getString(1), tenant, e164s.toArray(String[]::new)));
    }
}
