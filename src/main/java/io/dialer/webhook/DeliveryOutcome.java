package io.dialer.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * What one attempt of a delivery came to: the HTTP status (null when no response came), how long it took, what went
 * wrong, and the receiver's Retry-After (null when absent).
 */
record DeliveryOutcome(ClaimedDelivery delivery, Instant attemptedAt, Integer statusCode, int latencyMs, String error,
                       Duration retryAfter) {

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
