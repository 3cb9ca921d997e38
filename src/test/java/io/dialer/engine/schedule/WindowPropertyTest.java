package io.dialer.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dialer.engine.result.ResultCode;
import io.dialer.engine.schedule.Decision.DialAt;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random contacts, zones, windows and histories (seeded): a dial time is never outside any window in any of the
 * contact's zones, never on a holiday there, never before now, dialAfter or startAt, never at or after expiresAt or
 * endAt, never on a DNC or invalid number; and where no clock change intervenes it is the earliest such time.
 */
class WindowPropertyTest {

    private static final List<ZoneId> ZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "Europe/London",
            "Europe/Paris", "Europe/Helsinki", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
            "Asia/Kathmandu", "Asia/Tokyo", "Pacific/Chatham", "America/Santiago", "America/Sao_Paulo", "UTC",
            "America/St_Johns").stream().map(ZoneId::of).toList();
    /** A number's candidate zones come from one region, as a country or area prefix gives them. */
    private static final List<List<ZoneId>> REGIONS = List.of(
            ZONES.subList(0, 7), ZONES.subList(7, 10), ZONES.subList(10, 12), ZONES.subList(12, 14),
            ZONES.subList(14, 16), ZONES.subList(16, 18), ZONES.subList(18, 20));
    private static final List<String> TYPES = List.of("MOBILE", "HOME", "WORK", "OTHER");
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Scheduler SCHEDULER = new Scheduler();

    @Test
    void a_dial_time_is_always_inside_every_window_of_every_zone_of_the_contact() {
        Random random = new Random(20260309L);
        int dialled = 0;
        for (int i = 0; i < 1000; i++) {
            CampaignScheduling campaign = randomCampaign(random);
            ContactSchedulingFacts contact = randomContact(random, true);
            Instant now = randomNow(random);
            if (SCHEDULER.next(contact, campaign, now) instanceof DialAt dial) {
                dialled++;
                assertAllowed(dial, contact, campaign, now, "case " + i + ": " + contact + " " + campaign + " now " + now);
            }
        }
        assertTrue(dialled > 600, "most random contacts should be dialable, got " + dialled);
    }

    @Test
    void a_dial_time_is_the_earliest_allowed_one_when_no_clock_change_intervenes() {
        Random random = new Random(4242L);
        int checked = 0;
        for (int i = 0; i < 1000; i++) {
            CampaignScheduling drawn = randomCampaign(random);
            CampaignScheduling campaign = drawn.withSchedule(drawn.schedule().between(null, null));
            ContactSchedulingFacts contact = randomContact(random, false);
            Instant now = randomNow(random);
            if (SCHEDULER.next(contact, campaign, now) instanceof DialAt dial) {
                String context = "case " + i + ": " + contact + " " + campaign + " now " + now;
                assertAllowed(dial, contact, campaign, now, context);
                if (checkEarliest(dial, contact, campaign, now, context)) {
                    checked++;
                }
            }
        }
        assertTrue(checked > 400, "earliest checked only " + checked + " times");
    }

    private static void assertAllowed(DialAt dial, ContactSchedulingFacts contact, CampaignScheduling campaign,
                                      Instant now, String context) {
        Instant t = dial.at();
        CallingSchedule s = campaign.schedule();
        assertFalse(t.isBefore(now), context);
        assertFalse(s.startAt() != null && t.isBefore(s.startAt()), context);
        assertFalse(s.endAt() != null && !t.isBefore(s.endAt()), context);
        assertFalse(contact.dialAfter() != null && t.isBefore(contact.dialAfter()), context);
        assertFalse(contact.expiresAt() != null && !t.isBefore(contact.expiresAt()), context);
        ContactPhone phone = contact.phones().get(dial.phoneIndex());
        assertFalse(phone.dnc() || phone.invalid(), context);
        for (ZoneId zone : zones(contact, phone, s)) {
            ZonedDateTime local = t.atZone(zone);
            if (!insideAny(s.windows(), local) || s.holidays().contains(local.toLocalDate())
                    || !contact.preferredWindows().isEmpty() && !insideAny(contact.preferredWindows(), local)) {
                fail("dial at " + local + " is outside the windows in " + zone + "; " + context);
            }
        }
    }

    /** Steps of 15 minutes from now: none before the answer may be allowed, unless a clock change lies between. */
    private static boolean checkEarliest(DialAt dial, ContactSchedulingFacts contact, CampaignScheduling campaign,
                                         Instant now, String context) {
        ContactPhone phone = contact.phones().get(dial.phoneIndex());
        List<ZoneId> zones = zones(contact, phone, campaign.schedule());
        if (Duration.between(now, dial.at()).toDays() > 20) {
            return false;
        }
        for (ZoneId zone : zones) {
            ZoneOffsetTransition transition = zone.getRules().nextTransition(now);
            if (transition != null && !transition.getInstant().isAfter(dial.at())) {
                return false;
            }
        }
        for (Instant t = now; t.isBefore(dial.at()); t = t.plus(Duration.ofMinutes(15))) {
            boolean allowed = true;
            for (ZoneId zone : zones) {
                ZonedDateTime local = t.atZone(zone);
                allowed &= insideAny(campaign.schedule().windows(), local)
                        && !campaign.schedule().holidays().contains(local.toLocalDate())
                        && (contact.preferredWindows().isEmpty() || insideAny(contact.preferredWindows(), local));
            }
            if (allowed) {
                fail(t + " was allowed, earlier than " + dial.at() + "; " + context);
            }
        }
        return true;
    }

    private static List<ZoneId> zones(ContactSchedulingFacts contact, ContactPhone phone, CallingSchedule s) {
        if (contact.timezone() != null) {
            return List.of(contact.timezone());
        }
        return phone.zones().isEmpty() ? List.of(s.fallbackZone()) : phone.zones();
    }

    private static boolean insideAny(List<WeeklyWindow> windows, ZonedDateTime local) {
        return windows.stream().anyMatch(w -> w.contains(local.getDayOfWeek(), local.toLocalTime()));
    }

    private static CampaignScheduling randomCampaign(Random r) {
        List<WeeklyWindow> windows = new ArrayList<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            windows.add(randomWindow(r));
        }
        Set<LocalDate> holidays = new HashSet<>();
        for (int n = r.nextInt(4); n > 0; n--) {
            holidays.add(LocalDate.of(2026, 1, 1).plusDays(r.nextInt(380)));
        }
        Instant startAt = r.nextInt(5) == 0 ? randomNow(r) : null;
        Instant endAt = r.nextInt(5) == 0 ? randomNow(r).plus(Duration.ofDays(60)) : null;
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
            endAt = startAt.plus(Duration.ofDays(30));
        }
        CallingSchedule schedule = new CallingSchedule(pick(r, ZONES), windows, holidays, List.of(), startAt, endAt);
        RetryPolicy retries = new RetryPolicy(3 + r.nextInt(8), 2 + r.nextInt(4), 1 + r.nextInt(4),
                Duration.ofMinutes(r.nextInt(4) * 30L), Map.of(), Duration.ZERO);
        return new CampaignScheduling(schedule, retries, CampaignScheduling.DEFAULT_NUMBER_ORDER);
    }

    /** With history: attempts, callbacks, dialAfter, expiry, DNC and invalid numbers; without: zones and windows only. */
    private static ContactSchedulingFacts randomContact(Random r, boolean withHistory) {
        ZoneId own = r.nextInt(4) == 0 ? pick(r, ZONES) : null;
        List<ContactPhone> phones = new ArrayList<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            List<ZoneId> region = pick(r, REGIONS);
            List<ZoneId> zones = new ArrayList<>();
            for (int z = r.nextInt(4); z > 0; z--) {
                zones.add(pick(r, region));
            }
            boolean dead = withHistory && r.nextInt(10) == 0;
            boolean onDnc = r.nextBoolean();
            phones.add(new ContactPhone(pick(r, TYPES), zones, dead && onDnc, dead && !onDnc));
        }
        List<WeeklyWindow> preferred = r.nextInt(4) == 0 ? List.of(randomWindow(r)) : List.of();
        if (!withHistory) {
            return new ContactSchedulingFacts(own, phones, preferred, null, null, 0, null, List.of());
        }
        Instant dialAfter = r.nextInt(6) == 0 ? randomNow(r) : null;
        Instant expiresAt = r.nextInt(6) == 0 ? randomNow(r).plus(Duration.ofDays(20)) : null;
        List<Attempt> attempts = new ArrayList<>();
        Instant t = randomNow(r).minus(Duration.ofDays(3));
        for (int n = r.nextInt(4); n > 0; n--) {
            t = t.plus(Duration.ofMinutes(r.nextInt(600)));
            attempts.add(Attempt.of(t, r.nextInt(phones.size()), pick(r, List.of(ResultCode.NO_ANSWER, ResultCode.BUSY,
                    ResultCode.ANSWERING_MACHINE, ResultCode.NETWORK_ERROR, ResultCode.ABANDONED))));
        }
        Callback callback = r.nextInt(8) == 0 ? Callback.at(randomNow(r)) : null;
        return new ContactSchedulingFacts(own, phones, preferred, dialAfter, expiresAt, 0, callback, attempts);
    }

    private static WeeklyWindow randomWindow(Random r) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int n = 1 + r.nextInt(7); n > 0; n--) {
            days.add(DayOfWeek.of(1 + r.nextInt(7)));
        }
        int from = r.nextInt(95);
        int to = from + 1 + r.nextInt(96 - from);
        return new WeeklyWindow(days, quarter(from), quarter(to));
    }

    private static LocalTime quarter(int q) {
        return q == 96 ? LocalTime.MIDNIGHT : LocalTime.of(q / 4, q % 4 * 15);
    }

    /** A quarter-hour in 2026, one in three close to a European or US clock change. */
    private static Instant randomNow(Random r) {
        if (r.nextInt(3) == 0) {
            Instant change = pick(r, List.of("2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z", "2026-03-29T01:00:00Z",
                    "2026-10-25T01:00:00Z", "2026-04-05T16:00:00Z", "2026-10-04T16:00:00Z")).transform(Instant::parse);
            return change.plus(Duration.ofMinutes(15L * (r.nextInt(400) - 200)));
        }
        return YEAR_START.plus(Duration.ofMinutes(15L * r.nextInt(365 * 96)));
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
