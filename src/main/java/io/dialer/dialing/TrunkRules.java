package io.dialer.dialing;

import io.dialer.campaign.CampaignSettings.TrunkRule;
import io.dialer.contact.StoredPhone;

import java.util.List;

/** Picks the trunk for a number: the first of the campaign's rules whose number type and prefix match. */
final class TrunkRules {

    private TrunkRules() {
    }

    static String trunkFor(List<TrunkRule> rules, StoredPhone phone) {
        if (rules == null) {
            return null;
        }
        for (TrunkRule r : rules) {
            boolean typeMatches = r.numberType() == null || r.numberType().equals(phone.numberType());
            boolean prefixMatches = r.prefix() == null || phone.e164().startsWith(r.prefix().startsWith("+") ? r.prefix() : "+" + r.prefix());
            if (typeMatches && prefixMatches) {
                return r.trunk();
            }
        }
        return null;
    }
}
