package io.dialer.engine.schedule;

import static io.dialer.engine.schedule.Fixtures.CHICAGO;
import static io.dialer.engine.schedule.Fixtures.LONDON;
import static io.dialer.engine.schedule.Fixtures.LOS_ANGELES;
import static io.dialer.engine.schedule.Fixtures.NEW_YORK;
import static io.dialer.engine.schedule.Fixtures.SCHEDULER;
import static io.dialer.engine.schedule.Fixtures.TOKYO;
import static io.dialer.engine.schedule.Fixtures.aCampaign;
import static io.dialer.engine.schedule.Fixtures.aContact;
import static io.dialer.engine.schedule.Fixtures.at;
import static io.dialer.engine.schedule.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialer.engine.schedule.Decision.DialAt;
import io.dialer.engine.schedule.Decision.Never;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Campaign windows, holidays, preferred hours, dialAfter/expiresAt and startAt/endAt, in the contact's local time. */
class CallingWindowTest {

    private static final CampaignScheduling WEEKDAYS = aCampaign().build();

    private static Instant nextAt(ContactSchedulingFacts contact, CampaignScheduling campaign, Instant now) {
        return assertInstanceOf(DialAt.class, SCHEDULER.next(contact, campaign, now)).at();
    }

    @Test
    void before_the_window_the_contact_waits_until_it_opens_in_its_own_zone() {
        Instant now = at("2026-03-09T07:00", CHICAGO);
        ContactSchedulingFacts contact = aContact().inZone(CHICAGO).build();

        assertEquals(at("2026-03-09T09:00", CHICAGO), nextAt(contact, WEEKDAYS, now));
        Dialability d = SCHEDULER.explain(contact, WEEKDAYS, true, now);
        assertFalse(d.dialable());
        assertEquals(List.of(new Reason(ReasonCode.OUTSIDE_WINDOW,
                "outside the calling window until 09:00 America/Chicago", at("2026-03-09T09:00", CHICAGO))), d.reasons());
    }

    @Test
    void inside_the_window_the_contact_is_dialable_now() {
        Instant now = at("2026-03-09T10:00", NEW_YORK);
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK).build();

        assertEquals(now, nextAt(contact, WEEKDAYS, now));
        assertEquals(Dialability.NOW, SCHEDULER.explain(contact, WEEKDAYS, true, now));
    }

    @Test
    void the_window_end_is_exclusive_and_the_weekend_is_skipped() {
        Instant now = at("2026-03-13T20:00", LOS_ANGELES); // a Friday
        ContactSchedulingFacts contact = aContact().inZone(LOS_ANGELES).build();

        assertEquals(at("2026-03-16T09:00", LOS_ANGELES), nextAt(contact, WEEKDAYS, now));
        assertEquals("outside the calling window until Mon 2026-03-16 09:00 America/Los_Angeles",
                SCHEDULER.explain(contact, WEEKDAYS, true, now).reasons().get(0).message());
    }

    @Test
    void one_instant_means_different_local_times_in_different_zones() {
        Instant now = Instant.parse("2026-03-10T14:30:00Z"); // Tue: 10:30 New York, 07:30 Los Angeles, 23:30 Tokyo

        assertEquals(now, nextAt(aContact().inZone(NEW_YORK).build(), WEEKDAYS, now));
        assertEquals(at("2026-03-10T09:00", LOS_ANGELES), nextAt(aContact().inZone(LOS_ANGELES).build(), WEEKDAYS, now));
        assertEquals(at("2026-03-11T09:00", TOKYO), nextAt(aContact().inZone(TOKYO).build(), WEEKDAYS, now));
        assertEquals(now, nextAt(aContact().inZone(LONDON).build(), WEEKDAYS, now));
    }

    @Test
    void without_any_zone_the_campaign_fallback_zone_is_used() {
        CampaignScheduling campaign = aCampaign().zone(CHICAGO).build();
        Instant now = at("2026-03-09T08:00", CHICAGO);

        assertEquals(at("2026-03-09T09:00", CHICAGO), nextAt(aContact().phone("HOME").build(), campaign, now));
    }

    @Test
    void the_contact_zone_replaces_the_candidate_zones_of_its_numbers() {
        Instant now = at("2026-03-09T10:00", NEW_YORK); // 07:00 in Los Angeles
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK).phone("HOME", LOS_ANGELES).build();

        assertEquals(now, nextAt(contact, WEEKDAYS, now));
    }

    @Test
    void with_several_candidate_zones_only_times_inside_every_zone_are_allowed() {
        ContactSchedulingFacts contact = aContact().phone("MOBILE", NEW_YORK, LOS_ANGELES).build();

        // 08:00 New York: Los Angeles opens at 09:00 its time, 12:00 in New York
        Instant early = at("2026-03-10T08:00", NEW_YORK);
        assertEquals(at("2026-03-10T12:00", NEW_YORK), nextAt(contact, WEEKDAYS, early));
        assertEquals("outside the calling window until 09:00 America/Los_Angeles",
                SCHEDULER.explain(contact, WEEKDAYS, true, early).reasons().get(0).message());
        // 19:30 New York is 16:30 Los Angeles: inside both
        Instant late = at("2026-03-10T19:30", NEW_YORK);
        assertEquals(late, nextAt(contact, WEEKDAYS, late));
        // 20:00 New York closes it for the day
        assertEquals(at("2026-03-11T12:00", NEW_YORK), nextAt(contact, WEEKDAYS, at("2026-03-10T20:00", NEW_YORK)));
    }

    @Test
    void zones_whose_windows_never_overlap_make_the_contact_never_dialable() {
        ContactSchedulingFacts contact = aContact().phone("MOBILE", LOS_ANGELES, TOKYO).build();
        CampaignScheduling narrow = aCampaign().windows(WeeklyWindow.everyDay("09:00", "12:00")).build();

        Decision decision = SCHEDULER.next(contact, narrow, at("2026-03-10T08:00", LOS_ANGELES));
        assertEquals(ReasonCode.OUTSIDE_WINDOW, assertInstanceOf(Never.class, decision).code());
    }

    @Test
    void holidays_are_local_dates_of_the_contact() {
        CampaignScheduling campaign = aCampaign()
                .schedule(s -> s.withHolidays(Set.of(LocalDate.parse("2026-12-25")))).build();
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK).build();

        Instant christmas = at("2026-12-25T10:00", NEW_YORK); // a Friday
        assertEquals(at("2026-12-28T09:00", NEW_YORK), nextAt(contact, campaign, christmas));
        Reason reason = SCHEDULER.explain(contact, campaign, true, christmas).reasons().get(0);
        assertEquals(ReasonCode.HOLIDAY, reason.code());
        assertEquals("2026-12-25 is a holiday in America/New_York; calling resumes Mon 2026-12-28 09:00 America/New_York",
                reason.message());
        // 10:00 on the 25th in New York is already 00:00 on the 26th in Tokyo: no holiday there, but a Saturday
        assertEquals(at("2026-12-28T09:00", TOKYO), nextAt(aContact().inZone(TOKYO).build(), campaign, christmas));
        // 08:00 on the 25th in Tokyo is still the 24th in New York: dialable there
        Instant tokyoMorning = at("2026-12-25T09:30", TOKYO);
        assertEquals(at("2026-12-28T09:00", TOKYO), nextAt(aContact().inZone(TOKYO).build(), campaign, tokyoMorning));
        assertEquals(tokyoMorning, nextAt(aContact().inZone(ZoneId.of("Pacific/Honolulu")).build(),
                aCampaign().windows(WeeklyWindow.everyDay("00:00", "24:00"))
                        .schedule(s -> s.withHolidays(Set.of(LocalDate.parse("2026-12-25")))).build(), tokyoMorning));
    }

    @Test
    void preferred_windows_narrow_the_campaign_windows() {
        ContactSchedulingFacts contact = aContact().inZone(CHICAGO)
                .preferring(WeeklyWindow.of(List.of("TUE", "THU"), "18:00", "21:00")).build();

        Instant monday = at("2026-03-09T10:00", CHICAGO);
        assertEquals(at("2026-03-10T18:00", CHICAGO), nextAt(contact, WEEKDAYS, monday));
        assertEquals("outside the contact's preferred hours until Tue 2026-03-10 18:00 America/Chicago",
                SCHEDULER.explain(contact, WEEKDAYS, true, monday).reasons().get(0).message());
        // the campaign closes at 20:00 even though the contact would take calls until 21:00
        assertEquals(at("2026-03-12T18:00", CHICAGO), nextAt(contact, WEEKDAYS, at("2026-03-10T20:00", CHICAGO)));
    }

    @Test
    void preferred_windows_that_never_meet_the_campaign_windows_mean_never() {
        ContactSchedulingFacts contact = aContact().inZone(CHICAGO)
                .preferring(WeeklyWindow.of(List.of("SAT"), "10:00", "12:00")).build();

        assertInstanceOf(Never.class, SCHEDULER.next(contact, WEEKDAYS, at("2026-03-09T10:00", CHICAGO)));
    }

    @Test
    void dial_after_holds_the_contact_back_and_then_the_window_applies() {
        Instant saturday = at("2026-03-14T12:00", NEW_YORK);
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK).dialAfter(saturday).build();
        Instant now = at("2026-03-09T10:00", NEW_YORK);

        assertEquals(at("2026-03-16T09:00", NEW_YORK), nextAt(contact, WEEKDAYS, now));
        List<Reason> reasons = SCHEDULER.explain(contact, WEEKDAYS, true, now).reasons();
        assertEquals(List.of(ReasonCode.NOT_YET, ReasonCode.OUTSIDE_WINDOW), reasons.stream().map(Reason::code).toList());
        assertEquals(saturday, reasons.get(0).until());
    }

    @Test
    void an_expired_contact_is_never_dialled() {
        Instant now = at("2026-03-09T10:00", NEW_YORK);
        ContactSchedulingFacts expired = aContact().inZone(NEW_YORK).expiresAt(now).build();
        assertEquals(ReasonCode.EXPIRED, assertInstanceOf(Never.class, SCHEDULER.next(expired, WEEKDAYS, now)).code());
        assertEquals("EXPIRED", ((Never) SCHEDULER.next(expired, WEEKDAYS, now)).contactState());

        // expires on Saturday, and it is Friday night: no window is left before it expires
        ContactSchedulingFacts expiring = aContact().inZone(NEW_YORK).expiresAt(at("2026-03-14T12:00", NEW_YORK)).build();
        Decision d = SCHEDULER.next(expiring, WEEKDAYS, at("2026-03-13T21:00", NEW_YORK));
        assertEquals(ReasonCode.EXPIRED, assertInstanceOf(Never.class, d).code());
    }

    @Test
    void campaign_start_and_end_bound_every_dial() {
        Instant start = at("2026-03-11T12:00", NEW_YORK);
        Instant end = at("2026-03-13T12:00", NEW_YORK);
        CampaignScheduling campaign = aCampaign().schedule(s -> s.between(start, end)).build();
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK).build();

        Instant before = at("2026-03-09T10:00", NEW_YORK);
        assertEquals(start, nextAt(contact, campaign, before));
        assertEquals(ReasonCode.NOT_YET, SCHEDULER.explain(contact, campaign, true, before).reasons().get(0).code());
        assertEquals(ReasonCode.CAMPAIGN_NOT_RUNNING,
                assertInstanceOf(Never.class, SCHEDULER.next(contact, campaign, end)).code());
        // Thursday 20:00: the next window (Friday 09:00) is before the end
        assertEquals(at("2026-03-13T09:00", NEW_YORK), nextAt(contact, campaign, at("2026-03-12T20:00", NEW_YORK)));
        // Thursday 20:30 in Los Angeles; it opens again Friday 09:00, 12:00 in New York: when the campaign ends
        Decision late = SCHEDULER.next(aContact().inZone(LOS_ANGELES).build(), campaign, at("2026-03-12T20:30", LOS_ANGELES));
        assertEquals(ReasonCode.CAMPAIGN_NOT_RUNNING, assertInstanceOf(Never.class, late).code());
    }

    @Test
    void a_campaign_that_is_not_running_says_so_but_keeps_the_time() {
        Instant now = at("2026-03-09T10:00", NEW_YORK);
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK).build();

        Plan plan = SCHEDULER.plan(contact, WEEKDAYS, now);
        assertEquals(now, plan.nextDialAt());
        Dialability paused = plan.dialability(false);
        assertFalse(paused.dialable());
        assertEquals(ReasonCode.CAMPAIGN_NOT_RUNNING, paused.reasons().get(0).code());
        assertTrue(plan.dialability(true).dialable());
    }

    @Test
    void a_window_until_midnight_covers_the_end_of_the_day() {
        CampaignScheduling campaign = aCampaign().windows(WeeklyWindow.everyDay("18:00", "24:00")).build();
        ContactSchedulingFacts contact = aContact().inZone(LONDON).build();
        Instant lateEvening = at("2026-03-09T23:59:30", LONDON);

        assertEquals(lateEvening, nextAt(contact, campaign, lateEvening));
        assertEquals("2026-03-10T18:00", local(nextAt(contact, campaign, at("2026-03-10T00:00", LONDON)), LONDON));
    }
}
