package io.dialer.engine.schedule;

import java.time.Instant;
import java.util.Objects;

/** One reason a contact is not dialable, with when it stops applying (null: never by itself). */
public record Reason(ReasonCode code, String message, Instant until) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    static Reason forever(ReasonCode code, String message) {
        return new Reason(code, message, null);
    }
}
