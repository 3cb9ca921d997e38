package io.dialer.engine.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The scheduler's answer for one contact: when and on which number, or never. */
public sealed interface Decision {

    /**
     * Dial number {@code phoneIndex} at {@code at} (UTC), or as soon after as the loop gets to it. {@code at} is never
     * before the {@code now} it was computed for.
     *
     * @param callback the callback this dial honours (its agent owns the call), or null for an ordinary attempt
     */
    record DialAt(Instant at, int phoneIndex, Callback callback) implements Decision {
        public DialAt {
            Objects.requireNonNull(at, "at");
        }

        public boolean isCallback() {
            return callback != null;
        }
    }

    /** The contact can never be dialled again in this campaign; the first reason is the main one. */
    record Never(List<Reason> reasons) implements Decision {
        public Never {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("Never needs a reason");
            }
            reasons = List.copyOf(reasons);
        }

        public ReasonCode code() {
            return reasons.get(0).code();
        }

        /** The contact state this ends in: COMPLETED, EXPIRED or, for everything else, EXHAUSTED. */
        public String contactState() {
            return switch (code()) {
                case COMPLETED -> "COMPLETED";
                case EXPIRED -> "EXPIRED";
                default -> "EXHAUSTED";
            };
        }
    }
}
