package io.dialer.platform;

import java.security.SecureRandom;
import java.util.UUID;

/** Time-ordered UUIDs (version 7): ids sort by creation, which keeps keyset pagination chronological. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Parses a client-supplied id; anything that is not a UUID cannot exist, so it is answered as not found. */
    public static UUID parse(String what, String id) {
        try {
            if (id == null || id.length() != 36) {
                throw ApiProblem.notFound(what, String.valueOf(id));
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(what, id);
        }
    }
}
