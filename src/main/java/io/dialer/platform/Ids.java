package io.dialer.platform;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (version 7): ids sort by creation, which keeps keyset pagination chronological. Ids are
 * not secrets (every lookup is tenant-scoped), so a fast non-cryptographic random source is enough.
 */
public final class Ids {

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
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
