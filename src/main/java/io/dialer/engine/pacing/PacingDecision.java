package io.dialer.engine.pacing;

/** How many new calls to place now. */
public sealed interface PacingDecision {

    int calls();

    static PacingDecision dial(int calls, String reason) {
        return calls > 0 ? new Dial(calls, reason) : new Hold(reason);
    }

    /** Place this many calls now (more than zero). */
    record Dial(int calls, String reason) implements PacingDecision {
        public Dial {
            if (calls <= 0) {
                throw new IllegalArgumentException("a dial decision places at least one call");
            }
        }
    }

    /** Place nothing this tick. */
    record Hold(String reason) implements PacingDecision {
        @Override
        public int calls() {
            return 0;
        }
    }
}
