package io.dialer.dialing;

import io.dialer.campaign.CampaignDeleted;
import io.dialer.platform.Db;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.PreparedStatement;
import java.util.List;

/** SQL for {@code agent_activity}: additive upserts, so a loop that takes a campaign over simply adds its own time. */
@ApplicationScoped
public class AgentActivityRepository {

    private final Db db;

    AgentActivityRepository(Db db) {
        this.db = db;
    }

    void add(Lease lease, List<AgentActivity.Row> rows) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_activity (tenant, campaign_id, agent_id, minute, "
                    + "ready_seconds, talk_seconds, wrap_seconds, paused_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (campaign_id, minute, agent_id) DO UPDATE SET "
                    + "ready_seconds = agent_activity.ready_seconds + excluded.ready_seconds, "
                    + "talk_seconds = agent_activity.talk_seconds + excluded.talk_seconds, "
                    + "wrap_seconds = agent_activity.wrap_seconds + excluded.wrap_seconds, "
                    + "paused_seconds = agent_activity.paused_seconds + excluded.paused_seconds")) {
                for (AgentActivity.Row r : rows) {
                    Db.bind(ps, lease.tenant(), lease.campaignId(), r.agentId(), r.minute(), r.ready(), r.talk(), r.wrap(),
                            r.paused());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    void onCampaignDeleted(@Observes CampaignDeleted event) {
        db.update("DELETE FROM agent_activity WHERE tenant = ? AND campaign_id = ?", event.tenant(), event.campaignId());
    }
}
