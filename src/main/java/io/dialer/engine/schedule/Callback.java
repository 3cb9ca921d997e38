package io.dialer.engine.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A call back the person asked for. It replaces retry timing (delays, minimum gap, attempt limits per contact, number
 * and code), but still keeps to DNC, invalid numbers, the daily limit, the abandon lockout, expiry, the campaign's
 * start and end, and the calling windows. With {@code outsideCampaignWindows} it ignores the campaign's windows,
 * holidays and the contact's preferred windows, but never the legal windows.
 *
 * @param at                     when the person wants to be called
 * @param agentId                the agent who owns the callback, or null for any agent
 * @param phoneIndex             the number to call (index into the contact's phones), or null for the usual choice
 * @param outsideCampaignWindows the person asked for a time outside the campaign's windows and it was accepted
 */
public record Callback(Instant at, String agentId, Integer phoneIndex, boolean outsideCampaignWindows) {

    public Callback {
        Objects.requireNonNull(at, "at");
    }

    public static Callback at(Instant at) {
        return new Callback(at, null, null, false);
    }

    public Callback ownedBy(String agent) {
        return new Callback(at, agent, phoneIndex, outsideCampaignWindows);
    }

    public Callback onPhone(int index) {
        return new Callback(at, agentId, index, outsideCampaignWindows);
    }

    public Callback allowedOutsideCampaignWindows() {
        return new Callback(at, agentId, phoneIndex, true);
    }
}
