package io.dialer.engine.schedule;

import io.dialer.engine.result.ResultCode;
import io.dialer.engine.result.RetryBehaviour;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign's attempt limits and retry rules.
 *
 * @param maxAttemptsPerContact counted attempts over the contact's life
 * @param maxAttemptsPerNumber  counted attempts on one number
 * @param maxAttemptsPerDay     counted attempts per local calendar day of the contact
 * @param minGap                least time between two counted calls to the same person, on any number
 * @param rules                 per result code overrides of {@link ResultCode#defaultRetry()}
 * @param abandonLockout        least time before a number whose call was ABANDONED is dialled again, whatever the
 *                              rules say: 72 h under Ofcom, zero in the US
 */
public record RetryPolicy(int maxAttemptsPerContact, int maxAttemptsPerNumber, int maxAttemptsPerDay, Duration minGap,
                          Map<ResultCode, RetryRule> rules, Duration abandonLockout) {

    public static final Duration OFCOM_ABANDON_LOCKOUT = Duration.ofHours(72);

    /** The campaign defaults of the API: 6 per contact, 3 per number, 3 per day, 1 hour apart. */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(6, 3, 3, Duration.ofHours(1), Map.of(), Duration.ZERO);

    public RetryPolicy {
        if (maxAttemptsPerContact < 1 || maxAttemptsPerNumber < 1 || maxAttemptsPerDay < 1) {
            throw new IllegalArgumentException("attempt limits must be at least 1");
        }
        Objects.requireNonNull(minGap, "minGap");
        Objects.requireNonNull(abandonLockout, "abandonLockout");
        rules = Map.copyOf(rules);
    }

    /** The code's default behaviour with this campaign's rule laid over it. */
    public RetryBehaviour behaviourFor(ResultCode code) {
        RetryBehaviour b = code.defaultRetry();
        RetryRule rule = rules.get(code);
        if (rule != null && b.retriesNumber()) {
            if (rule.delay() != null) {
                b = b.withDelay(rule.delay());
            }
            if (rule.max() != null) {
                b = b.withMaxRetries(rule.max());
            }
        }
        if (code == ResultCode.ABANDONED && b.delay().compareTo(abandonLockout) < 0) {
            b = b.withDelay(abandonLockout);
        }
        return b;
    }

    public RetryPolicy withLimits(int perContact, int perNumber, int perDay) {
        return new RetryPolicy(perContact, perNumber, perDay, minGap, rules, abandonLockout);
    }

    public RetryPolicy withMinGap(Duration newMinGap) {
        return new RetryPolicy(maxAttemptsPerContact, maxAttemptsPerNumber, maxAttemptsPerDay, newMinGap, rules,
                abandonLockout);
    }

    public RetryPolicy withRules(Map<ResultCode, RetryRule> newRules) {
        return new RetryPolicy(maxAttemptsPerContact, maxAttemptsPerNumber, maxAttemptsPerDay, minGap, newRules,
                abandonLockout);
    }

    public RetryPolicy withAbandonLockout(Duration lockout) {
        return new RetryPolicy(maxAttemptsPerContact, maxAttemptsPerNumber, maxAttemptsPerDay, minGap, rules, lockout);
    }
}
