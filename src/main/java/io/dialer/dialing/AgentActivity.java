package io.dialer.dialing;

import io.dialer.agent.AgentState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Agent time of one campaign, split by campaign-clock minute and kind (ready, talk, wrap, paused), accumulated by the
 * loop between writes. Only the loop's thread touches it.
 */
final class AgentActivity {

    /** One agent's seconds in one minute. */
    record Row(UUID agentId, Instant minute, double ready, double talk, double wrap, double paused) {
    }

    private final Map<Key, double[]> pending = new LinkedHashMap<>();

    /** Adds the time from {@code from} to {@code to} that an agent spent in {@code state}. */
    void add(UUID agentId, AgentState state, Instant from, Instant to) {
        int kind = kind(state);
        if (kind < 0 || !to.isAfter(from)) {
            return;
        }
        Instant start = from;
        while (start.isBefore(to)) {
            Instant minute = start.truncatedTo(ChronoUnit.MINUTES);
            Instant end = minute.plus(Duration.ofMinutes(1));
            Instant until = end.isBefore(to) ? end : to;
            pending.computeIfAbsent(new Key(agentId, minute), k -> new double[4])[kind] +=
                    Duration.between(start, until).toNanos() / 1e9;
            start = until;
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The accumulated rows; the accumulator starts empty again. */
    List<Row> drain() {
        List<Row> rows = new ArrayList<>(pending.size());
        pending.forEach((k, s) -> rows.add(new Row(k.agentId, k.minute, s[0], s[1], s[2], s[3])));
        pending.clear();
        return rows;
    }

    private static int kind(AgentState state) {
        return switch (state) {
            case READY, RESERVED -> 0;
            case ON_CALL -> 1;
            case WRAP_UP -> 2;
            case PAUSED -> 3;
            default -> -1;
        };
    }

    private record Key(UUID agentId, Instant minute) {
    }
}
