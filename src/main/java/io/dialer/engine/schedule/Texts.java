package io.dialer.engine.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The human side of reasons: durations and local times as a person reads them. */
final class Texts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Texts() {
    }

    /** "09:00 America/Chicago" when it is on the same local day as {@code now}, else with the day in front. */
    static String local(Instant t, ZoneId zone, Instant now) {
        ZonedDateTime at = t.atZone(zone);
        boolean sameDay = at.toLocalDate().equals(now.atZone(zone).toLocalDate());
        return (sameDay ? TIME : DAY_TIME).format(at) + " " + zone.getId();
    }

    static String utc(Instant t) {
        return UTC.format(t);
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return "no delay";
        }
        StringBuilder out = new StringBuilder();
        append(out, s / 86400, "d");
        append(out, s % 86400 / 3600, "h");
        append(out, s % 3600 / 60, "min");
        append(out, s % 60, "s");
        return out.toString();
    }

    private static void append(StringBuilder out, long n, String unit) {
        if (n > 0) {
            out.append(out.isEmpty() ? "" : " ").append(n).append(' ').append(unit);
        }
    }

    static String phone(int index, ContactPhone phone) {
        return "phone " + (index + 1) + " (" + phone.type() + ")";
    }
}
