package io.dialer.contact;

/**
 * Where a contact stands in its campaign. PENDING contacts wait for their next dial time; the engine moves
 * them through DIALING to a final state. CANCELLED is set by the CRM (DELETE).
 */
public enum ContactState {
    PENDING, DIALING, COMPLETED, EXHAUSTED, EXPIRED, CANCELLED;

    /** Closed by the engine: never dialled again. */
    public boolean isFinal() {
        return this == COMPLETED || this == EXHAUSTED || this == EXPIRED;
    }

    public static boolean isKnown(String s) {
        for (ContactState c : values()) {
            if (c.name().equals(s)) {
                return true;
            }
        }
        return false;
    }
}
