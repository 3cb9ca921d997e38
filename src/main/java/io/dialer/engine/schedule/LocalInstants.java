package io.dialer.engine.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/**
 * Turns the bounds of a local window into instants so that every instant of the result lies inside the window in
 * local time, across DST changes:
 * <ul>
 *   <li>a bound in a spring-forward gap maps to the transition, the first instant at or after that local time;</li>
 *   <li>a start in a fall-back overlap takes the second occurrence, an end the first, so the repeated hour can never
 *       carry local time back before the start (the price is up to an hour of the window lost on that one night).</li>
 * </ul>
 */
final class LocalInstants {

    private LocalInstants() {
    }

    static Instant windowStart(LocalDate date, LocalTime from, ZoneId zone) {
        return resolve(date.atTime(from), zone, true);
    }

    static Instant windowEnd(LocalDate date, WeeklyWindow window, ZoneId zone) {
        LocalDateTime end = window.endsAtMidnight() ? date.plusDays(1).atStartOfDay() : date.atTime(window.to());
        return resolve(end, zone, false);
    }

    static Instant startOfDay(LocalDate date, ZoneId zone) {
        return resolve(date.atStartOfDay(), zone, false);
    }

    private static Instant resolve(LocalDateTime local, ZoneId zone, boolean laterInOverlap) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition == null) {
            return local.atZone(zone).toInstant();
        }
        if (transition.isGap()) {
            return transition.getInstant();
        }
        return local.toInstant(laterInOverlap ? transition.getOffsetAfter() : transition.getOffsetBefore());
    }
}
