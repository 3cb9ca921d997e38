package io.dialer.engine.schedule;

import io.dialer.engine.result.NextStep;
import io.dialer.engine.result.ResultCode;
import io.dialer.engine.result.RetryBehaviour;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where one of a contact's numbers stands: blocked for good (and why), or usable from some instant on.
 *
 * @param blocked      why the number is never dialled again, or null if it may be
 * @param retryUntil   the last result's retry delay ends here (null if the number was never dialled)
 * @param retryReason  the explanation for {@code retryUntil}
 * @param lockoutUntil the abandon lockout ends here (null if none)
 */
record NumberStatus(int index, ContactPhone phone, Reason blocked, Instant retryUntil, Reason retryReason,
                    Instant lockoutUntil) {

    boolean usable() {
        return blocked == null;
    }

    /**
     * @param onNumber    this number's attempts, oldest first
     * @param forCallback a callback is due: the attempt limits per number and per code do not apply
     */
    static NumberStatus of(int index, ContactPhone phone, List<Attempt> onNumber, RetryPolicy policy,
                           boolean forCallback) {
        String name = Texts.phone(index, phone);
        Reason blocked = permanentBlock(name, phone, onNumber);
        if (blocked == null && !forCallback) {
            blocked = limitBlock(name, onNumber, policy);
        }
        if (onNumber.isEmpty()) {
            return new NumberStatus(index, phone, blocked, null, null, null);
        }
        Attempt last = onNumber.get(onNumber.size() - 1);
        RetryBehaviour behaviour = policy.behaviourFor(last.result());
        Instant retryUntil = last.at().plus(behaviour.delay());
        Reason retryReason = new Reason(ReasonCode.RETRY_WAIT, last.result() + " on " + name + " at "
                + Texts.utc(last.at()) + "; it is retried after " + Texts.duration(behaviour.delay()), retryUntil);
        Instant lockoutUntil = null;
        if (!policy.abandonLockout().isZero()) {
            for (Attempt a : onNumber) {
                if (a.result() == ResultCode.ABANDONED) {
                    lockoutUntil = a.at().plus(policy.abandonLockout());
                }
            }
        }
        return new NumberStatus(index, phone, blocked, retryUntil, retryReason, lockoutUntil);
    }

    private static Reason permanentBlock(String name, ContactPhone phone, List<Attempt> onNumber) {
        if (phone.dnc()) {
            return Reason.forever(ReasonCode.DNC, name + " is on a do-not-call list");
        }
        if (phone.invalid()) {
            return Reason.forever(ReasonCode.NUMBER_INVALID, name + " is marked invalid");
        }
        for (Attempt a : onNumber) {
            if (a.result().nextStep() == NextStep.MARK_NUMBER_INVALID) {
                return Reason.forever(ReasonCode.NUMBER_INVALID,
                        name + " is invalid: " + a.result() + " at " + Texts.utc(a.at()));
            }
            if (a.result().nextStep() == NextStep.BLOCK_NUMBER) {
                return Reason.forever(ReasonCode.DNC,
                        name + " was blocked by a do-not-call entry at " + Texts.utc(a.at()));
            }
        }
        return null;
    }

    private static Reason limitBlock(String name, List<Attempt> onNumber, RetryPolicy policy) {
        long counted = onNumber.stream().filter(a -> a.result().countsAsAttempt()).count();
        if (counted >= policy.maxAttemptsPerNumber()) {
            return Reason.forever(ReasonCode.ATTEMPTS_EXHAUSTED,
                    name + " has had " + counted + " of its " + policy.maxAttemptsPerNumber() + " attempts");
        }
        Map<ResultCode, Integer> perCode = new EnumMap<>(ResultCode.class);
        for (Attempt a : onNumber) {
            int n = perCode.merge(a.result(), 1, Integer::sum);
            int max = policy.behaviourFor(a.result()).maxRetries();
            if (n > max) {
                return Reason.forever(ReasonCode.ATTEMPTS_EXHAUSTED, name + ": " + a.result() + " " + times(n)
                        + (max == 0 ? ", which is not retried" : ", which is retried at most " + times(max)));
            }
        }
        return null;
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
