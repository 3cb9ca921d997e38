package io.dialer.engine.schedule;

import java.time.ZoneId;
import java.util.List;

/**
 * One of a contact's numbers as the scheduler sees it.
 *
 * @param type    MOBILE, HOME, WORK, OTHER (matched against the campaign's number order)
 * @param zones   the zones the number may be in (from its prefix); empty when unknown
 * @param dnc     on a do-not-call list
 * @param invalid marked invalid (by a result, a business outcome or the CRM)
 */
public record ContactPhone(String type, List<ZoneId> zones, boolean dnc, boolean invalid) {

    public ContactPhone {
        type = type == null ? "OTHER" : type;
        zones = List.copyOf(zones);
    }

    public static ContactPhone of(String type, ZoneId... zones) {
        return new ContactPhone(type, List.of(zones), false, false);
    }

    public ContactPhone onDnc() {
        return new ContactPhone(type, zones, true, invalid);
    }

    public ContactPhone markedInvalid() {
        return new ContactPhone(type, zones, dnc, true);
    }
}
