package io.dialer.engine.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly calling window such as MON-FRI 09:00-20:00, always read in the local time of the called person.
 * Windows do not cross midnight; {@code to} of {@link LocalTime#MIDNIGHT} means the end of the day ("24:00").
 * A time t is inside when {@code from <= t < to}.
 */
public record WeeklyWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public static final Set<DayOfWeek> EVERY_DAY = Set.copyOf(EnumSet.allOf(DayOfWeek.class));

    public WeeklyWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one day");
        }
        days = Set.copyOf(days);
        if (!to.equals(LocalTime.MIDNIGHT) && !to.isAfter(from)) {
            throw new IllegalArgumentException("'to' must be after 'from' (windows do not cross midnight)");
        }
    }

    /** From the API's shape: days "MON".."SUN", times "HH:mm", "24:00" for the end of the day. */
    public static WeeklyWindow of(Collection<String> days, String from, String to) {
        EnumSet<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
        for (String d : days) {
            parsed.add(day(d));
        }
        return new WeeklyWindow(parsed, time(from), time(to));
    }

    public static WeeklyWindow everyDay(String from, String to) {
        return new WeeklyWindow(EVERY_DAY, time(from), time(to));
    }

    public boolean endsAtMidnight() {
        return to.equals(LocalTime.MIDNIGHT);
    }

    public boolean contains(DayOfWeek day, LocalTime time) {
        return days.contains(day) && !time.isBefore(from) && (endsAtMidnight() || time.isBefore(to));
    }

    static DayOfWeek day(String threeLetters) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equals(threeLetters)) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a day (MON..SUN): " + threeLetters);
    }

    private static LocalTime time(String hhmm) {
        return "24:00".equals(hhmm) ? LocalTime.MIDNIGHT : LocalTime.parse(hhmm);
    }
}
