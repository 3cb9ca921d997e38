package io.dialer.engine.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What the scheduler knows about one contact.
 *
 * @param timezone         the contact's own zone; when set it replaces the numbers' candidate zones
 * @param phones           the contact's numbers, in the contact's order
 * @param preferredWindows the contact's own hours, which narrow the campaign's; empty for none
 * @param dialAfter        optional: not before (e.g. a month after a service visit)
 * @param expiresAt        optional: never at or after
 * @param priority         higher is called first among due contacts; it orders the queue and does not move times
 * @param callback         optional pending callback; one with an attempt at or after its time counts as done
 * @param attempts         past attempts, in any order
 */
public record ContactSchedulingFacts(ZoneId timezone, List<ContactPhone> phones, List<WeeklyWindow> preferredWindows,
                                     Instant dialAfter, Instant expiresAt, int priority, Callback callback,
                                     List<Attempt> attempts) {

    public ContactSchedulingFacts {
        phones = List.copyOf(phones);
        preferredWindows = List.copyOf(preferredWindows);
        attempts = List.copyOf(attempts);
    }

    public static ContactSchedulingFacts withPhones(List<ContactPhone> phones) {
        return new ContactSchedulingFacts(null, phones, List.of(), null, null, 0, null, List.of());
    }
}
