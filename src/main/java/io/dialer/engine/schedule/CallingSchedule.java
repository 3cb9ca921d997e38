package io.dialer.engine.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a campaign may call, in the called person's local time.
 *
 * @param fallbackZone zone for contacts and numbers with no zone of their own
 * @param windows      the campaign's weekly windows
 * @param holidays     local dates on which the campaign does not call (in each zone the contact may be in)
 * @param legalWindows hard limits that apply on top of everything, also to callbacks allowed outside the campaign
 *                     windows; empty for none (then such callbacks still keep to {@link #DEFAULT_LEGAL_WINDOWS})
 * @param startAt      optional: nobody is called before
 * @param endAt        optional: nobody is called at or after
 */
public record CallingSchedule(ZoneId fallbackZone, List<WeeklyWindow> windows, Set<LocalDate> holidays,
                              List<WeeklyWindow> legalWindows, Instant startAt, Instant endAt) {

    /** 08:00-21:00 every day: the US federal hours (FTC TSR 310.4(c), FCC 64.1200(c)(1)), also usual in the UK. */
    public static final List<WeeklyWindow> DEFAULT_LEGAL_WINDOWS = List.of(WeeklyWindow.everyDay("08:00", "21:00"));

    public CallingSchedule {
        Objects.requireNonNull(fallbackZone, "fallbackZone");
        windows = List.copyOf(windows);
        holidays = Set.copyOf(holidays);
        legalWindows = List.copyOf(legalWindows);
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
            throw new IllegalArgumentException("endAt must be after startAt");
        }
    }

    public static CallingSchedule of(ZoneId fallbackZone, List<WeeklyWindow> windows) {
        return new CallingSchedule(fallbackZone, windows, Set.of(), List.of(), null, null);
    }

    public CallingSchedule withHolidays(Set<LocalDate> newHolidays) {
        return new CallingSchedule(fallbackZone, windows, newHolidays, legalWindows, startAt, endAt);
    }

    public CallingSchedule withLegalWindows(List<WeeklyWindow> newLegalWindows) {
        return new CallingSchedule(fallbackZone, windows, holidays, newLegalWindows, startAt, endAt);
    }

    public CallingSchedule between(Instant newStartAt, Instant newEndAt) {
        return new CallingSchedule(fallbackZone, windows, holidays, legalWindows, newStartAt, newEndAt);
    }
}
