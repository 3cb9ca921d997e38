package io.dialer.contact.numbers;

import io.dialer.contact.phone.NormalizedPhone;
import io.dialer.contact.phone.PhoneNormalizer;
import io.dialer.contact.phone.PhoneParseResult;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.Db;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tenant-wide status of phone numbers. A number marked INVALID stays marked whatever later imports bring,
 * so a CRM cannot re-add a dead number by accident.
 */
@ApplicationScoped
public class NumberStatusService {

    public static final Set<String> STATUSES = Set.of("VALID", "INVALID", "OUTDATED");

    public record NumberStatus(String e164, String status, String reason, String numberType, String region,
                               List<String> timezones, Instant updatedAt) {
    }

    private final Db db;
    private final Clock clock;

    NumberStatusService(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public NumberStatus get(String tenant, String e164) {
        NormalizedPhone phone = requireE164(e164);
        return db.one("SELECT status, reason, updated_at FROM phone_number_status WHERE tenant = ? AND e164 = ?",
                        rs -> view(phone, rs.getString("status"), rs.getString("reason"), Db.instant(rs, "updated_at")),
                        tenant, phone.e164())
                .orElse(view(phone, "VALID", null, null));
    }

    @Transactional
    public NumberStatus set(String tenant, String e164, String status, String reason) {
        NormalizedPhone phone = requireE164(e164);
        if (status == null || !STATUSES.contains(status)) {
            throw ApiProblem.invalidField("status", "invalid_value", "must be one of INVALID, OUTDATED, VALID");
        }
        Instant now = clock.instant();
        db.update("INSERT INTO phone_number_status (tenant, e164, status, reason, updated_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (tenant, e164) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, "
                + "updated_at = EXCLUDED.updated_at", tenant, phone.e164(), status, reason, now);
        return view(phone, status, reason, now);
    }

    public Page<NumberStatus> list(String tenant, String status, PageRequest page) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiProblem.invalidField("status", "invalid_value", "must be one of INVALID, OUTDATED, VALID");
        }
        List<NumberStatus> rows = db.list("SELECT e164, status, reason, updated_at FROM phone_number_status WHERE tenant = ? "
                        + "AND (?::text IS NULL OR status = ?) AND (?::text IS NULL OR e164 > ?) ORDER BY e164 LIMIT ?",
                rs -> {
                    PhoneParseResult p = PhoneNormalizer.shared().normalize(rs.getString("e164"), null);
                    NormalizedPhone n = p instanceof PhoneParseResult.Valid v ? v.phone()
                            : new NormalizedPhone(rs.getString("e164"), "UNKNOWN", null, List.of());
                    return view(n, rs.getString("status"), rs.getString("reason"), Db.instant(rs, "updated_at"));
                }, tenant, status, status, page.afterKey(), page.afterKey(), page.limit() + 1);
        return page.page(rows, NumberStatus::e164);
    }

    /** Status of each of these numbers that is not VALID. */
    public Map<String, String> nonValid(String tenant, Collection<String> e164s) {
        Map<String, String> out = new HashMap<>();
        if (e164s.isEmpty()) {
            return out;
        }
        db.list("SELECT e164, status FROM phone_number_status WHERE tenant = ? AND status <> 'VALID' AND e164 = ANY (?)",
                rs -> out.put(rs.getString(1), rs.getString(2)), tenant, e164s.toArray(String[]::new));
        return out;
    }

    private static NormalizedPhone requireE164(String e164) {
        PhoneParseResult parsed = PhoneNormalizer.shared().normalize(e164, null);
        if (parsed instanceof PhoneParseResult.Valid v && v.phone().e164().equals(e164)) {
            return v.phone();
        }
        throw ApiProblem.notFound("Phone number", e164 + "' (expected a valid E.164 number such as +13125550142");
    }

    private static NumberStatus view(NormalizedPhone n, String status, String reason, Instant updatedAt) {
        return new NumberStatus(n.e164(), status, reason, n.numberType(), n.region(), n.timezones(), updatedAt);
    }
}
