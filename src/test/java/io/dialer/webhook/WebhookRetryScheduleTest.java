package io.dialer.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WebhookRetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30)));

    @Test
    void delaysFollowTheScheduleWithTenPercentJitter() {
        assertEquals(Duration.ofMillis(4500), schedule.nextDelay(1, null, 0.0));
        assertEquals(Duration.ofMillis(5000), schedule.nextDelay(1, null, 0.5));
        assertEquals(Duration.ofSeconds(270), schedule.nextDelay(2, null, 0.0));
        assertEquals(Duration.ofMinutes(33).toMillis(), schedule.nextDelay(3, null, 1.0).toMillis(), 1);
    }

    @Test
    void afterTheLastDelayTheDeliveryFails() {
        assertNull(schedule.nextDelay(4, null, 0.5));
        assertNull(schedule.nextDelay(4, Duration.ofSeconds(10), 0.5));
    }

    @Test
    void retryAfterIsHonouredOnlyWhenLonger() {
        assertEquals(Duration.ofSeconds(60), schedule.nextDelay(1, Duration.ofSeconds(60), 0.5));
        assertEquals(Duration.ofMillis(5000), schedule.nextDelay(1, Duration.ofSeconds(1), 0.5));
        assertEquals(RetrySchedule.MAX_RETRY_AFTER, schedule.nextDelay(1, Duration.ofDays(30), 0.5));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        assertEquals(Duration.ofSeconds(120), RetrySchedule.parseRetryAfter("120", now));
        assertEquals(Duration.ofSeconds(90), RetrySchedule.parseRetryAfter(
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90).atOffset(ZoneOffset.UTC)), now));
        assertEquals(Duration.ofSeconds(30), RetrySchedule.parseRetryAfter("Mon, 01 Jun 2026 12:00:30 GMT", now));
        assertEquals(Duration.ZERO, RetrySchedule.parseRetryAfter("Mon, 01 Jun 2026 11:00:00 GMT", now));
        assertNull(RetrySchedule.parseRetryAfter("soon", now));
        assertNull(RetrySchedule.parseRetryAfter("-5", now));
        assertNull(RetrySchedule.parseRetryAfter(null, now));
    }
}
