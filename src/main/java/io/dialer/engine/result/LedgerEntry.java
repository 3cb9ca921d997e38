package io.dialer.engine.result;

import java.time.Instant;
import java.util.Objects;

/** One attempt outcome in the abandonment ledger, stamped with the time the attempt ended. */
public record LedgerEntry(Instant at, AbandonmentRole role) {

    public LedgerEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(role, "role");
    }

    public static LedgerEntry of(Instant at, ResultCode code) {
        return new LedgerEntry(at, code.ledgerRole());
    }
}
