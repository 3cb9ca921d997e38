package io.dialer.campaign;

import java.time.Instant;
import java.util.UUID;

/** A stored campaign. */
public record Campaign(UUID id, String tenant, String name, String description, CampaignState state,
                       CampaignSettings settings, int version, Instant createdAt, Instant updatedAt,
                       Instant startedAt, Instant stoppedAt, String externalId) {

    public CampaignView view() {
        return new CampaignView(id.toString(), externalId, name, description, state, settings.mode(), settings.schedule(),
                settings.dialing(), settings.retries(), settings.compliance(), settings.outcomes(),
                settings.simulation(), settings.fallback(), settings.ivr(), settings.recording(), version, createdAt, updatedAt, startedAt, stoppedAt);
    }

    public String etag() {
        return "\"" + version + "\"";
    }

    /** The region used to read numbers written in national format. */
    public String defaultRegion() {
        return settings.dialing() == null ? null : settings.dialing().defaultRegion();
    }
}
