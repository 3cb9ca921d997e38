package io.dialer.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** When to try a failed delivery again: the configured delays with ±10 % jitter, or the receiver's longer Retry-After. */
final class RetrySchedule {

    /** A Retry-After longer than this is cut to it. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private final List<Duration> delays;

    RetrySchedule(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /**
     * The delay before the next attempt after attempt {@code attempt} (1 for the first) failed, or null when that was the
     * last one. {@code random} is uniform in [0, 1) and picks the jitter.
     */
    Duration nextDelay(int attempt, Duration retryAfter, double random) {
        if (attempt < 1 || attempt > delays.size()) {
            return null;
        }
        Duration scheduled = delays.get(attempt - 1);
        Duration jittered = Duration.ofNanos((long) (scheduled.toNanos() * (0.9 + 0.2 * random)));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            if (asked.compareTo(jittered) > 0) {
                return asked;
            }
        }
        return jittered;
    }

    /** A Retry-After header (delay in seconds, or an HTTP date) as a delay from {@code now}; null when absent or unreadable. */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds()));
        } catch (NumberFormatException e) {
            // not seconds: an HTTP date
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
