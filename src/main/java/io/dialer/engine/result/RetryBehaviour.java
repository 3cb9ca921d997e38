package io.dialer.engine.result;

import java.time.Duration;

/**
 * What happens after an attempt ends with a result code.
 *
 * @param step       the effect on the contact or the number
 * @param delay      how long before the same number may be dialled again (real time, not wall-clock hours)
 * @param maxRetries how many times a number may be retried after this code; the next result of this code beyond
 *                   that retires the number. 0 means never retry after it.
 */
public record RetryBehaviour(NextStep step, Duration delay, int maxRetries) {

    public RetryBehaviour {
        if (step == null || delay == null || delay.isNegative() || maxRetries < 0) {
            throw new IllegalArgumentException("step, a non-negative delay and maxRetries >= 0 are required");
        }
    }

    static RetryBehaviour retry(Duration delay, int maxRetries) {
        return new RetryBehaviour(NextStep.RETRY, delay, maxRetries);
    }

    /** Closes the contact; {@code reopenedDelay} applies if a business outcome keeps the contact open. */
    static RetryBehaviour close(Duration reopenedDelay, int maxRetries) {
        return new RetryBehaviour(NextStep.CLOSE_CONTACT, reopenedDelay, maxRetries);
    }

    static RetryBehaviour never(NextStep step) {
        return new RetryBehaviour(step, Duration.ZERO, 0);
    }

    public RetryBehaviour withDelay(Duration newDelay) {
        return new RetryBehaviour(step, newDelay, maxRetries);
    }

    public RetryBehaviour withMaxRetries(int newMax) {
        return new RetryBehaviour(step, delay, newMax);
    }

    public boolean retriesNumber() {
        return step == NextStep.RETRY || step == NextStep.CLOSE_CONTACT;
    }
}
