package io.dialer.engine.schedule;

import io.dialer.engine.result.ResultCode;

import java.time.Instant;
import java.util.Objects;

/**
 * One past call attempt of a contact.
 *
 * @param at           when it was placed
 * @param phoneIndex   index into the contact's phones
 * @param result       its technical result
 * @param finalOutcome the business outcome's verdict: true closes the contact, false keeps it open even after a
 *                     closing result such as CONNECTED; null when there is none (the result code decides)
 */
public record Attempt(Instant at, int phoneIndex, ResultCode result, Boolean finalOutcome) {

    public Attempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(result, "result");
    }

    public static Attempt of(Instant at, int phoneIndex, ResultCode result) {
        return new Attempt(at, phoneIndex, result, null);
    }

    public Attempt withOutcome(boolean isFinal) {
        return new Attempt(at, phoneIndex, result, isFinal);
    }
}
