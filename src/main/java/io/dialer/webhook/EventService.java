package io.dialer.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.Db;
import io.dialer.platform.FieldError;
import io.dialer.platform.Json;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading the event log back; events are kept for 30 days. */
@ApplicationScoped
public class EventService {

    public static final Duration RETENTION = Duration.ofDays(30);

    private final Db db;
    private final ObjectMapper mapper;
    private final Clock clock;

    EventService(Db db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Page<EventView> list(String tenant, String type, Instant since, String campaignId, PageRequest page) {
        List<FieldError> errors = new ArrayList<>();
        if (type != null && !EventTypes.ALL.contains(type)) {
            errors.add(new FieldError("type", "invalid_value", "must be one of " + EventTypes.ALL));
        }
        UUID campaign = null;
        if (campaignId != null) {
            try {
                campaign = UUID.fromString(campaignId);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("campaignId", "invalid_value", "is not a campaign id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        Instant from = since == null ? clock.instant().minus(RETENTION) : since;
        UUID after = page.afterId();
        List<EventView> rows = db.list("SELECT id, type, created_at, campaign_id, sequence, data::text AS data FROM event "
                        + "WHERE tenant = ? AND created_at >= ? AND (?::text IS NULL OR type = ?) AND (?::uuid IS NULL OR campaign_id = ?) "
                        + "AND (?::uuid IS NULL OR id > ?) ORDER BY id LIMIT ?",
                this::map, tenant, from, type, type, campaign, campaign, after, after, page.limit() + 1);
        return page.page(rows, EventView::id);
    }

    public Optional<EventView> find(String tenant, UUID id) {
        return db.one("SELECT id, type, created_at, campaign_id, sequence, data::text AS data FROM event WHERE tenant = ? AND id = ?",
                this::map, tenant, id);
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        db.update("DELETE FROM event WHERE created_at < ?", clock.instant().minus(RETENTION));
    }

    private EventView map(ResultSet rs) throws SQLException {
        Object campaign = rs.getObject("campaign_id");
        long sequence = rs.getLong("sequence");
        return new EventView(rs.getString("id"), rs.getString("type"), Db.instant(rs, "created_at"),
                campaign == null ? null : campaign.toString(), rs.wasNull() ? null : sequence,
                Json.read(mapper, rs.getString("data"), JsonNode.class));
    }
}
