package io.dialer.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.campaign.CampaignSettings;

import java.time.Instant;
import java.util.List;

/** A contact as the API returns it, with the facts learnt from its numbers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactView(String id, String campaignId, String externalId, String firstName, String lastName,
                          String timezone, List<String> timezones, int priority, Instant dialAfter, Instant expiresAt,
                          ObjectNode attributes, List<CampaignSettings.Window> windows, List<PhoneView> phones, ContactState state,
                          int attemptCount, String lastResult, Instant nextDialAt, Instant createdAt, Instant updatedAt,
                          Dialability dialability) {

    /** Why the contact can or cannot be dialled now, and until when (only on the single-contact read). */
    public record Dialability(boolean dialable, List<Reason> reasons) {
    }

    public record Reason(String code, String message, Instant until) {
    }

    ContactView withDialability(Dialability d) {
        return new ContactView(id, campaignId, externalId, firstName, lastName, timezone, timezones, priority, dialAfter,
                expiresAt, attributes, windows, phones, state, attemptCount, lastResult, nextDialAt, createdAt, updatedAt, d);
    }

    /** One number: as sent, normalised (E.164, type, region, candidate zones), and its tenant-wide status. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhoneView(String number, String type, String e164, String numberType, String region,
                            List<String> timezones, String status, boolean dnc) {
    }
}
