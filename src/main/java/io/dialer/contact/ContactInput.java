package io.dialer.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.campaign.CampaignSettings.Window;

import java.time.Instant;
import java.util.List;

/** A contact as the CRM sends it (JSON batch, NDJSON line, or a mapped CSV row). */
public record ContactInput(String externalId, String firstName, String lastName, List<PhoneInput> phones,
                           String timezone, Integer priority, Instant dialAfter, Instant expiresAt,
                           ObjectNode attributes, List<Window> windows) {

    /** One number of the contact; {@code type} is what the CRM calls it (MOBILE, HOME, WORK, OTHER). */
    public record PhoneInput(String number, String type) {
    }
}
