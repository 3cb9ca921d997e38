package io.dialer.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.campaign.CampaignSettings.Compliance;
import io.dialer.campaign.CampaignSettings.Dialing;
import io.dialer.campaign.CampaignSettings.Fallback;
import io.dialer.campaign.CampaignSettings.OutcomeDefinition;
import io.dialer.campaign.CampaignSettings.Retries;
import io.dialer.campaign.CampaignSettings.Schedule;

import java.time.Instant;
import java.util.List;

/** A campaign as the API returns it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(String id, String externalId, String name, String description, CampaignState state, String mode,
                           Schedule schedule, Dialing dialing, Retries retries, Compliance compliance,
                           List<OutcomeDefinition> outcomes, ObjectNode simulation, Fallback fallback,
                           CampaignSettings.Ivr ivr, CampaignSettings.Recording recording, int version,
                           Instant createdAt, Instant updatedAt, Instant startedAt, Instant stoppedAt) {
}
