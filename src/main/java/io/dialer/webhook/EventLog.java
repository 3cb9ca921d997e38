package io.dialer.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.platform.Db;
import io.dialer.platform.Ids;
import io.dialer.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records events in the caller's transaction, with their webhook deliveries (the outbox): the event exists exactly
 * when the state change that caused it was committed, and so does its delivery to every matching endpoint.
 */
@ApplicationScoped
public class EventLog {

    private final Db db;
    private final ObjectMapper mapper;
    private final Clock clock;

    EventLog(Db db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    public UUID record(NewEvent event) {
        return recordAll(List.of(event)).get(0);
    }

    /** Records the events in order; returns their ids. Must run inside the transaction of the state change. */
    public List<UUID> recordAll(List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<UUID, Long> nextSequence = allocateSequences(events);
        Map<UUID, String> campaignExternalIds = campaignExternalIds(events);
        List<UUID> ids = new ArrayList<>(events.size());
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO event (id, tenant, type, campaign_id, sequence, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                for (NewEvent e : events) {
                    UUID id = Ids.newId();
                    ids.add(id);
                    Long sequence = null;
                    if (e.campaignId() != null) {
                        sequence = nextSequence.get(e.campaignId());
                        nextSequence.put(e.campaignId(), sequence + 1);
                    }
                    Map<String, Object> data = e.data() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(e.data());
                    if (e.campaignId() != null && campaignExternalIds.get(e.campaignId()) != null) {
                        data.putIfAbsent("campaignExternalId", campaignExternalIds.get(e.campaignId()));
                    }
                    Db.bind(ps, id, e.tenant(), e.type(), e.campaignId(), sequence, now, Json.write(mapper, data));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO webhook_delivery (id, tenant, endpoint_id, event_id, next_attempt_at, created_at)
                    SELECT gen_random_uuid(), e.tenant, w.id, e.id, e.created_at, e.created_at
                    FROM event e JOIN webhook_endpoint w ON w.tenant = e.tenant AND w.enabled
                         AND (cardinality(w.event_types) = 0 OR e.type = ANY (w.event_types))
                    WHERE e.id = ANY (?)""")) {
                Db.bind(ps, (Object) ids.toArray(UUID[]::new));
                ps.executeUpdate();
            }
            return null;
        });
        return ids;
    }

    /** The CRM's ids of the events' campaigns, so that every event names its campaign the way the CRM does. */
    private Map<UUID, String> campaignExternalIds(List<NewEvent> events) {
        UUID[] ids = events.stream().map(NewEvent::campaignId).filter(java.util.Objects::nonNull).distinct().toArray(UUID[]::new);
        Map<UUID, String> out = new HashMap<>();
        if (ids.length > 0) {
            db.list("SELECT id, external_id FROM campaign WHERE id = ANY (?) AND external_id IS NOT NULL",
                    rs -> out.put(rs.getObject(1, UUID.class), rs.getString(2)), (Object) ids);
        }
        return out;
    }

    /** Reserves a block of sequence numbers per campaign; returns the first of each block. */
    private Map<UUID, Long> allocateSequences(List<NewEvent> events) {
        Map<UUID, Integer> counts = new LinkedHashMap<>();
        Map<UUID, String> tenants = new HashMap<>();
        for (NewEvent e : events) {
            if (e.campaignId() != null) {
                counts.merge(e.campaignId(), 1, Integer::sum);
                tenants.put(e.campaignId(), e.tenant());
            }
        }
        Map<UUID, Long> first = new HashMap<>();
        counts.forEach((campaign, n) -> {
            long last = db.one("INSERT INTO campaign_event_sequence AS s (campaign_id, tenant, last) VALUES (?, ?, ?) "
                            + "ON CONFLICT (campaign_id) DO UPDATE SET last = s.last + EXCLUDED.last RETURNING last",
                    rs -> rs.getLong(1), campaign, tenants.get(campaign), (long) n).orElseThrow();
            first.put(campaign, last - n + 1);
        });
        return first;
    }
}
