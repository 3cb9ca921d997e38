package io.dialer.engine.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * One set of weekly windows read in one zone, less holidays in that zone: one of the constraints a dial time must
 * meet. A contact with several candidate zones gets one per zone, so a time passes only if it is inside everywhere.
 */
record ZonedWindows(Kind kind, ZoneId zone, List<WeeklyWindow> windows, Set<LocalDate> holidays) {

    enum Kind { CAMPAIGN, PREFERRED, LEGAL }

    /** The earliest instant at or after {@code t} and before {@code limit} inside these windows, or null. */
    Instant nextOpen(Instant t, Instant limit) {
        LocalDate last = limit.atZone(zone).toLocalDate().plusDays(1);
        // a day earlier: a fall-back at midnight can leave t on the previous local date's last hour
        for (LocalDate day = t.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            Instant best = earliestOn(day, t);
            if (best != null) {
                return best.isBefore(limit) ? best : null;
            }
        }
        return null;
    }

    boolean isHoliday(Instant t) {
        return holidays.contains(t.atZone(zone).toLocalDate());
    }

    private Instant earliestOn(LocalDate day, Instant t) {
        if (holidays.contains(day)) {
            return null;
        }
        Instant best = null;
        for (WeeklyWindow w : windows) {
            if (!w.days().contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = LocalInstants.windowStart(day, w.from(), zone);
            Instant end = LocalInstants.windowEnd(day, w, zone);
            if (start.isBefore(end) && end.isAfter(t)) {
                Instant candidate = start.isAfter(t) ? start : t;
                if (best == null || candidate.isBefore(best)) {
                    best = candidate;
                }
            }
        }
        return best;
    }
}
