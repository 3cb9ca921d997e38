package io.dialer.engine.schedule;

import java.time.Instant;
import java.util.List;

/**
 * Finds the earliest instant inside every constraint. Each step jumps to the next window opening of a constraint
 * that is closed, so the cost grows with the number of windows crossed, not with minutes.
 */
final class WindowSearch {

    /** The instant found and the constraint that moved the search last (null if none had to). */
    record Found(Instant at, ZonedWindows binding) {
    }

    private WindowSearch() {
    }

    static Found earliest(List<ZonedWindows> constraints, Instant from, Instant limit) {
        Instant t = from;
        ZonedWindows binding = null;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (ZonedWindows c : constraints) {
                Instant open = c.nextOpen(t, limit);
                if (open == null) {
                    return null;
                }
                if (open.isAfter(t)) {
                    t = open;
                    binding = c;
                    moved = true;
                }
            }
        }
        return new Found(t, binding);
    }
}
