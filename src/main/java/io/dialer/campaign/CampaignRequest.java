package io.dialer.campaign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.campaign.CampaignSettings.Compliance;
import io.dialer.campaign.CampaignSettings.Dialing;
import io.dialer.campaign.CampaignSettings.Fallback;
import io.dialer.campaign.CampaignSettings.OutcomeDefinition;
import io.dialer.campaign.CampaignSettings.Retries;
import io.dialer.campaign.CampaignSettings.Schedule;

import java.util.List;

/** Body of POST /v1/campaigns, and the merged result of a PATCH. */
public record CampaignRequest(String name, String description, String mode, Schedule schedule, Dialing dialing,
                              Retries retries, Compliance compliance, List<OutcomeDefinition> outcomes,
                              ObjectNode simulation, Fallback fallback, String externalId, CampaignSettings.Ivr ivr,
                              CampaignSettings.Recording recording) {

    CampaignSettings settings() {
        return new CampaignSettings(mode, schedule, dialing, retries, compliance, outcomes, simulation, fallback, ivr,
                recording);
    }
}
