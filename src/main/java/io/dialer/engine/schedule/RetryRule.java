package io.dialer.engine.schedule;

import java.time.Duration;

/**
 * A campaign's override of one result code's retry defaults; a null part keeps the default.
 *
 * @param delay before the same number is dialled again
 * @param max   retries this code allows per number; 0 means never retry after it
 */
public record RetryRule(Duration delay, Integer max) {

    public RetryRule {
        if (delay != null && delay.isNegative() || max != null && max < 0) {
            throw new IllegalArgumentException("delay and max cannot be negative");
        }
    }

    /** From the API's shape {@code {delaySeconds, max}}. */
    public static RetryRule of(Integer delaySeconds, Integer max) {
        return new RetryRule(delaySeconds == null ? null : Duration.ofSeconds(delaySeconds), max);
    }
}
