package io.dialer.campaign;

import java.util.UUID;

/** Fired inside the transaction that deletes a campaign, so that features owning its data delete theirs. */
public record CampaignDeleted(String tenant, UUID campaignId) {
}
