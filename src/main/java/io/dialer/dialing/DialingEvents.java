package io.dialer.dialing;

import io.dialer.contact.Contact;
import io.dialer.contact.ContactQueue.ContactPlan;
import io.dialer.engine.schedule.Decision;
import io.dialer.engine.schedule.Plan;
import io.dialer.platform.Db;
import io.dialer.webhook.EventTypes;
import io.dialer.webhook.NewEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the events of the dialing loop from what it just wrote; they are recorded in the same transaction. */
@ApplicationScoped
public class DialingEvents {

    private final Db db;

    DialingEvents(Db db) {
        this.db = db;
    }

    /** One attempt.completed per ended attempt, read back as stored. */
    List<NewEvent> attemptsCompleted(String tenant, List<UUID> attemptIds) {
        if (attemptIds.isEmpty()) {
            return List.of();
        }
        return db.list("""
                        SELECT a.id, a.campaign_id, a.contact_id, t.external_id, a.result, a.cause, a.number, a.phone_index, a.trunk,
                               a.caller_id, a.agent_id, a.mode, a.callback, a.placed_at, a.answered_at, a.connected_at, a.ended_at,
                               a.recording, a.comment_recording
                        FROM attempt a JOIN contact t ON t.id = a.contact_id
                        WHERE a.id = ANY (?) AND a.tenant = ? ORDER BY a.ended_at, a.id""",
                rs -> {
                    Instant placed = Db.instant(rs, "placed_at");
                    Instant answered = Db.instant(rs, "answered_at");
                    Instant connected = Db.instant(rs, "connected_at");
                    Instant ended = Db.instant(rs, "ended_at");
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("attemptId", rs.getString("id"));
                    data.put("campaignId", rs.getString("campaign_id"));
                    data.put("contactId", rs.getString("contact_id"));
                    data.put("contactExternalId", rs.getString("external_id"));
                    data.put("result", rs.getString("result"));
                    data.put("cause", rs.getString("cause"));
                    data.put("number", rs.getString("number"));
                    data.put("phoneIndex", rs.getInt("phone_index"));
                    data.put("trunk", rs.getString("trunk"));
                    data.put("callerId", rs.getString("caller_id"));
                    data.put("agentId", rs.getString("agent_id"));
                    data.put("mode", rs.getString("mode"));
                    data.put("callback", rs.getBoolean("callback"));
                    data.put("placedAt", placed.toString());
                    data.put("answeredAt", answered == null ? null : answered.toString());
                    data.put("connectedAt", connected == null ? null : connected.toString());
                    data.put("endedAt", ended == null ? null : ended.toString());
                    data.put("ringSeconds", seconds(placed, answered != null ? answered : ended));
                    data.put("waitSeconds", answered == null ? null : seconds(answered, connected != null ? connected : ended));
                    data.put("talkSeconds", connected == null ? null : seconds(connected, ended));
                    data.put("recording", rs.getString("recording") == null ? null : CallView.recordingPath(rs.getString("id")));
                    data.put("commentRecording", rs.getString("comment_recording") == null ? null
                            : CallView.commentRecordingPath(rs.getString("id")));
                    return new NewEvent(tenant, EventTypes.ATTEMPT_COMPLETED, rs.getObject("campaign_id", UUID.class), data);
                }, (Object) attemptIds.toArray(UUID[]::new), tenant);
    }

    /**
     * contact.completed for a contact the plan closes for good, and contact.fallback_requested when the campaign wants
     * a fallback message for a contact that ends unreached.
     */
    static List<NewEvent> closed(Contact c, ContactPlan plan, Plan decision, io.dialer.campaign.CampaignSettings settings) {
        NewEvent completed = contactCompleted(c, plan, decision);
        boolean exhausted = plan.state() == io.dialer.contact.ContactState.EXHAUSTED;
        String lastResult = plan.lastResult() != null ? plan.lastResult() : c.lastResult();
        if (settings != null && io.dialer.notification.FallbackPolicy.wants(settings.fallback(), exhausted, lastResult)) {
            return List.of(completed, io.dialer.notification.FallbackPolicy.event(c, exhausted, lastResult));
        }
        return List.of(completed);
    }

    /** contact.completed for a contact the plan closes for good. */
    static NewEvent contactCompleted(Contact c, ContactPlan plan, Plan decision) {
        Decision.Never never = (Decision.Never) decision.decision();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", c.id().toString());
        data.put("contactExternalId", c.externalId());
        data.put("campaignId", c.campaignId().toString());
        data.put("state", plan.state().name());
        data.put("reason", never.code().name());
        data.put("reasonMessage", never.reasons().get(0).message());
        data.put("attemptCount", plan.attemptCount());
        data.put("lastResult", plan.lastResult() != null ? plan.lastResult() : c.lastResult());
        return new NewEvent(c.tenant(), EventTypes.CONTACT_COMPLETED, c.campaignId(), data);
    }

    static NewEvent numberInvalidated(String tenant, UUID campaignId, String number, String reason, String contactExternalId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("number", number);
        data.put("status", "INVALID");
        data.put("reason", reason);
        data.put("campaignId", campaignId.toString());
        data.put("contactExternalId", contactExternalId);
        return new NewEvent(tenant, EventTypes.NUMBER_INVALIDATED, campaignId, data);
    }

    private static Double seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Math.round(Duration.between(from, to).toMillis() / 100.0) / 10.0;
    }
}
