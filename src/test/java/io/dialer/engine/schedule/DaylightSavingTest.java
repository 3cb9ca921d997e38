package io.dialer.engine.schedule;

import static io.dialer.engine.result.ResultCode.ANSWERING_MACHINE_MESSAGE_LEFT;
import static io.dialer.engine.schedule.Fixtures.LONDON;
import static io.dialer.engine.schedule.Fixtures.NEW_YORK;
import static io.dialer.engine.schedule.Fixtures.SCHEDULER;
import static io.dialer.engine.schedule.Fixtures.aCampaign;
import static io.dialer.engine.schedule.Fixtures.aContact;
import static io.dialer.engine.schedule.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.dialer.engine.schedule.Decision.DialAt;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Windows read in local time across DST changes (2026: New York springs forward on 8 March at 02:00 and falls back on
 * 1 November at 02:00; London on 29 March at 01:00 and 25 October at 02:00). In a repeated hour a window starts at the
 * second occurrence of its start and ends at the first occurrence of its end, so no dial is ever outside it.
 */
class DaylightSavingTest {

    private static Instant next(ZoneId zone, String from, String to, Instant now) {
        CampaignScheduling campaign = aCampaign().windows(WeeklyWindow.everyDay(from, to)).build();
        return assertInstanceOf(DialAt.class, SCHEDULER.next(aContact().inZone(zone).build(), campaign, now)).at();
    }

    @Test
    void new_york_spring_forward_a_window_across_the_missing_hour_ends_at_the_jump() {
        // 01:30-02:30: only 01:30-01:59 EST exist; 03:00 EDT is already past 02:30
        Instant midnight = at("2026-03-08T00:00", NEW_YORK);
        assertEquals(Instant.parse("2026-03-08T06:30:00Z"), next(NEW_YORK, "01:30", "02:30", midnight));
        Instant lastSecond = Instant.parse("2026-03-08T06:59:59Z");
        assertEquals(lastSecond, next(NEW_YORK, "01:30", "02:30", lastSecond));
        Instant jump = Instant.parse("2026-03-08T07:00:00Z"); // 03:00 EDT
        assertEquals(at("2026-03-09T01:30", NEW_YORK), next(NEW_YORK, "01:30", "02:30", jump));
    }

    @Test
    void new_york_spring_forward_a_window_starting_in_the_missing_hour_opens_at_the_jump() {
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"),
                next(NEW_YORK, "02:30", "04:00", at("2026-03-08T00:00", NEW_YORK)));
        // an ordinary day window moves with the clock: 09:00 EST on Saturday, 09:00 EDT on Sunday
        assertEquals(Instant.parse("2026-03-07T14:00:00Z"), next(NEW_YORK, "09:00", "20:00", at("2026-03-07T08:00", NEW_YORK)));
        assertEquals(Instant.parse("2026-03-08T13:00:00Z"), next(NEW_YORK, "09:00", "20:00", at("2026-03-08T08:00", NEW_YORK)));
    }

    @Test
    void new_york_fall_back_a_window_across_the_repeated_hour_covers_both_passes() {
        // 00:30-02:30 on 1 November: 00:30 EDT (04:30Z) to 02:30 EST (07:30Z), three real hours
        assertEquals(Instant.parse("2026-11-01T04:30:00Z"), next(NEW_YORK, "00:30", "02:30", at("2026-11-01T00:00", NEW_YORK)));
        Instant secondPass = Instant.parse("2026-11-01T06:15:00Z"); // 01:15 EST
        assertEquals(secondPass, next(NEW_YORK, "00:30", "02:30", secondPass));
        assertEquals(at("2026-11-02T00:30", NEW_YORK), next(NEW_YORK, "00:30", "02:30", Instant.parse("2026-11-01T07:30:00Z")));
    }

    @Test
    void new_york_fall_back_a_window_starting_in_the_repeated_hour_waits_for_its_second_pass() {
        // 01:30-03:00: at 01:00 EST (06:00Z) local time falls back to before 01:30, so the window opens at 01:30 EST
        assertEquals(Instant.parse("2026-11-01T06:30:00Z"), next(NEW_YORK, "01:30", "03:00", at("2026-11-01T00:00", NEW_YORK)));
        // 00:00-01:30 ends at the first 01:30 (EDT); the second pass of 01:00-01:29 is given up
        assertEquals(at("2026-11-02T00:00", NEW_YORK), next(NEW_YORK, "00:00", "01:30", Instant.parse("2026-11-01T05:30:00Z")));
    }

    @Test
    void london_spring_forward() {
        // 00:30-01:30 on 29 March: 01:00 GMT jumps to 02:00 BST, so the window is 00:30-00:59 GMT
        Instant lastMinute = Instant.parse("2026-03-29T00:59:00Z");
        assertEquals(lastMinute, next(LONDON, "00:30", "01:30", lastMinute));
        assertEquals(at("2026-03-30T00:30", LONDON), next(LONDON, "00:30", "01:30", Instant.parse("2026-03-29T01:00:00Z")));
        assertEquals(Instant.parse("2026-03-29T08:00:00Z"), next(LONDON, "09:00", "20:00", at("2026-03-29T07:00", LONDON)));
    }

    @Test
    void london_fall_back() {
        // 01:15-03:00 on 25 October: 02:00 BST falls back to 01:00 GMT; the window opens at 01:15 GMT
        assertEquals(Instant.parse("2026-10-25T01:15:00Z"), next(LONDON, "01:15", "03:00", at("2026-10-25T00:00", LONDON)));
        // 00:30-01:45 covers the first pass only: 00:30 BST (23:30Z the day before) to 01:45 BST (00:45Z)
        assertEquals(Instant.parse("2026-10-24T23:30:00Z"), next(LONDON, "00:30", "01:45", at("2026-10-25T00:00", LONDON)));
        assertEquals(at("2026-10-26T00:30", LONDON), next(LONDON, "00:30", "01:45", Instant.parse("2026-10-25T00:45:00Z")));
    }

    @Test
    void retry_delays_are_real_time_so_a_day_later_reads_an_hour_later_after_spring_forward() {
        CampaignScheduling allDay = aCampaign().windows(WeeklyWindow.everyDay("00:00", "24:00")).build();
        Instant saturdayEvening = at("2026-03-07T19:00", NEW_YORK);
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK)
                .attempt(saturdayEvening, 0, ANSWERING_MACHINE_MESSAGE_LEFT).build();

        Instant next = assertInstanceOf(DialAt.class, SCHEDULER.next(contact, allDay, saturdayEvening)).at();
        assertEquals(saturdayEvening.plus(Duration.ofDays(1)), next);
        assertEquals(at("2026-03-08T20:00", NEW_YORK), next);
    }

    @Test
    void the_local_day_of_the_daily_limit_follows_the_clock_change() {
        CampaignScheduling oneADay = aCampaign().windows(WeeklyWindow.everyDay("00:00", "24:00"))
                .retries(r -> r.withLimits(10, 10, 1)).build();
        ContactSchedulingFacts contact = aContact().inZone(NEW_YORK)
                .attempt(at("2026-11-01T12:00", NEW_YORK), 0, ANSWERING_MACHINE_MESSAGE_LEFT).build();

        // 1 November has 25 hours: the next local day starts at 05:00Z, not 04:00Z
        DialAt next = assertInstanceOf(DialAt.class, SCHEDULER.next(contact,
                oneADay.withRetries(oneADay.retries().withRules(java.util.Map.of(ANSWERING_MACHINE_MESSAGE_LEFT,
                        RetryRule.of(0, null)))), at("2026-11-01T13:00", NEW_YORK)));
        assertEquals(Instant.parse("2026-11-02T05:00:00Z"), next.at());
    }
}
