package io.dialer.contact;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.campaign.CampaignSettings;
import io.dialer.engine.schedule.Attempt;
import io.dialer.engine.schedule.ContactSchedulingFacts;
import io.dialer.platform.Db;
import io.dialer.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The dialing loop's view of a campaign's contacts: claiming due ones, storing their next dial time, counting. Callers
 * run these inside their own transaction (and hold the campaign's lease); every statement filters on the tenant.
 */
@ApplicationScoped
public class ContactQueue {

    /** The scheduling state to store for a contact after planning it. */
    public record ContactPlan(UUID id, ContactState state, Instant nextDialAt, Integer nextPhoneIndex, int attemptCount,
                              String lastResult, boolean clearCallback) {
    }

    private static final TypeReference<List<CampaignSettings.Window>> WINDOWS = new TypeReference<>() {
    };
    private static final Comparator<Contact> QUEUE_ORDER = Comparator.comparingInt(Contact::priority).reversed()
            .thenComparing(Contact::nextDialAt, Comparator.nullsLast(Comparator.naturalOrder()));

    private final Db db;
    private final ContactRepository contacts;
    private final ObjectMapper mapper;

    ContactQueue(Db db, ContactRepository contacts, ObjectMapper mapper) {
        this.db = db;
        this.contacts = contacts;
        this.mapper = mapper;
    }

    /** Marks up to {@code limit} due contacts DIALING and returns them, highest priority and longest due first. */
    public List<Contact> claimDue(String tenant, UUID campaignId, Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.list("UPDATE contact SET state = 'DIALING' WHERE id IN ("
                        + "SELECT id FROM contact WHERE campaign_id = ? AND state = 'PENDING' AND next_dial_at <= ? AND tenant = ? "
                        + "ORDER BY priority DESC, next_dial_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                        + "RETURNING " + ContactRepository.COLUMNS, contacts::map, campaignId, now, tenant, limit)
                .stream().sorted(QUEUE_ORDER).toList();
    }

    /** Claims one contact by id if it is still pending (a callback, a preview the agent asked for). */
    public List<Contact> claim(String tenant, UUID campaignId, UUID contactId) {
        return db.list("UPDATE contact SET state = 'DIALING' WHERE id = ? AND campaign_id = ? AND tenant = ? "
                + "AND state = 'PENDING' RETURNING " + ContactRepository.COLUMNS, contacts::map, contactId, campaignId, tenant);
    }

    /** Pending contacts whose next dial time was not yet computed with the campaign's current settings. */
    public List<Contact> unplanned(String tenant, UUID campaignId, int limit) {
        return db.list("SELECT " + ContactRepository.COLUMNS + " FROM contact WHERE campaign_id = ? AND state = 'PENDING' "
                + "AND NOT planned AND tenant = ? LIMIT ? FOR UPDATE SKIP LOCKED", contacts::map, campaignId, tenant, limit);
    }

    public List<Contact> byIds(String tenant, UUID campaignId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.list("SELECT " + ContactRepository.COLUMNS + " FROM contact WHERE id = ANY(?) AND campaign_id = ? AND tenant = ?",
                contacts::map, ids.toArray(UUID[]::new), campaignId, tenant);
    }

    /**
     * Stores plans of contacts the loop holds (DIALING) or planned (PENDING). A contact cancelled or completed by the
     * API meanwhile keeps its state.
     */
    public void save(String tenant, List<ContactPlan> plans, Instant now) {
        if (plans.isEmpty()) {
            return;
        }
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE contact SET state = ?, next_dial_at = ?, next_phone_index = ?, "
                    + "planned = true, attempt_count = ?, last_result = COALESCE(?, last_result), "
                    + "callback_at = CASE WHEN ? THEN NULL ELSE callback_at END, updated_at = ? "
                    + "WHERE id = ? AND tenant = ? AND state IN ('PENDING', 'DIALING')")) {
                for (ContactPlan p : plans) {
                    Db.bind(ps, p.state().name(), p.nextDialAt(), p.nextPhoneIndex(), p.attemptCount(), p.lastResult(),
                            p.clearCallback(), now, p.id(), tenant);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Stores the plan of one contact the loop does not hold, after a business outcome: a final outcome closes it, a
     * non-final one may reopen a contact its last result had closed.
     */
    public void saveOutsideLoop(String tenant, ContactPlan p, Instant now) {
        db.update("UPDATE contact SET state = ?, next_dial_at = ?, next_phone_index = ?, planned = true, attempt_count = ?, "
                        + "updated_at = ? WHERE id = ? AND tenant = ? AND state NOT IN ('CANCELLED', 'DIALING')",
                p.state().name(), p.nextDialAt(), p.nextPhoneIndex(), p.attemptCount(), now, p.id(), tenant);
    }

    /** After a settings change: every pending contact is planned again with the new settings. */
    public int markUnplanned(String tenant, UUID campaignId) {
        return db.update("UPDATE contact SET planned = false WHERE campaign_id = ? AND tenant = ? AND state = 'PENDING' AND planned",
                campaignId, tenant);
    }

    /** Contacts left DIALING by a loop that died; its open attempts were reconciled first. */
    public int releaseDialing(String tenant, UUID campaignId, Set<UUID> stillDialing) {
        return db.update("UPDATE contact SET state = 'PENDING', planned = false WHERE campaign_id = ? AND tenant = ? "
                + "AND state = 'DIALING' AND NOT (id = ANY(?))", campaignId, tenant, stillDialing.toArray(UUID[]::new));
    }

    public void scheduleCallback(String tenant, UUID contactId, PendingCallback callback) {
        db.update("UPDATE contact SET callback_at = ?, callback_agent_id = ?, callback_phone_index = ?, callback_any_time = ?, "
                        + "planned = false, state = CASE WHEN state IN ('EXHAUSTED', 'COMPLETED', 'EXPIRED') THEN 'PENDING' ELSE state END "
                        + "WHERE id = ? AND tenant = ? AND state <> 'CANCELLED'",
                callback.at(), callback.agentId(), callback.phoneIndex(), callback.anyTime(), contactId, tenant);
    }

    public Map<ContactState, Long> countByState(String tenant, UUID campaignId) {
        Map<ContactState, Long> counts = new EnumMap<>(ContactState.class);
        for (ContactState s : ContactState.values()) {
            counts.put(s, 0L);
        }
        db.list("SELECT state, count(*) AS n FROM contact WHERE campaign_id = ? AND tenant = ? GROUP BY state",
                        rs -> Map.entry(ContactState.valueOf(rs.getString("state")), rs.getLong("n")), campaignId, tenant)
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Contacts that are due now (or overdue) and waiting for a line. */
    public long dueCount(String tenant, UUID campaignId, Instant now) {
        return db.one("SELECT count(*) FROM contact WHERE campaign_id = ? AND state = 'PENDING' AND next_dial_at <= ? AND tenant = ?",
                rs -> rs.getLong(1), campaignId, now, tenant).orElse(0L);
    }

    /** Contacts that may still be dialled: pending (planned or not) or being dialled. */
    public long openCount(String tenant, UUID campaignId) {
        return db.one("SELECT count(*) FROM contact WHERE campaign_id = ? AND state IN ('PENDING', 'DIALING') AND tenant = ?",
                rs -> rs.getLong(1), campaignId, tenant).orElse(0L);
    }

    public boolean hasContacts(String tenant, UUID campaignId) {
        return db.one("SELECT 1 FROM contact WHERE campaign_id = ? AND tenant = ? LIMIT 1", rs -> 1, campaignId, tenant).isPresent();
    }

    /** The contact as the pure scheduler sees it. */
    public ContactSchedulingFacts facts(Contact c, Set<String> dnc, Map<String, String> nonValid, List<Attempt> attempts) {
        List<CampaignSettings.Window> preferred = c.windowsJson() == null ? null : Json.read(mapper, c.windowsJson(), WINDOWS);
        return ContactScheduling.contact(c, preferred, dnc, nonValid, attempts);
    }
}
