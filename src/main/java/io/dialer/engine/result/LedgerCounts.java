package io.dialer.engine.result;

/**
 * Ledger counts over one measuring window.
 *
 * @param liveAnswers     people who answered and were connected or hung up inside the connect limit (L)
 * @param abandoned       answered calls dropped for want of an agent (A; machines included when AMD is off)
 * @param machines        machines detected by AMD and dropped (base of the false-positive estimate)
 * @param machinesAtAgent machines that reached an agent (Ofcom's M)
 */
public record LedgerCounts(long liveAnswers, long abandoned, long machines, long machinesAtAgent) {

    public static final LedgerCounts ZERO = new LedgerCounts(0, 0, 0, 0);

    public LedgerCounts {
        if (liveAnswers < 0 || abandoned < 0 || machines < 0 || machinesAtAgent < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    public LedgerCounts plus(LedgerCounts o) {
        return new LedgerCounts(liveAnswers + o.liveAnswers, abandoned + o.abandoned, machines + o.machines,
                machinesAtAgent + o.machinesAtAgent);
    }

    public LedgerCounts plus(AbandonmentRole role, long n) {
        return switch (role) {
            case LIVE_ANSWER -> new LedgerCounts(liveAnswers + n, abandoned, machines, machinesAtAgent);
            case ABANDONED_LIVE -> new LedgerCounts(liveAnswers, abandoned + n, machines, machinesAtAgent);
            case MACHINE -> new LedgerCounts(liveAnswers, abandoned, machines + n, machinesAtAgent);
            case MACHINE_AT_AGENT -> new LedgerCounts(liveAnswers, abandoned, machines, machinesAtAgent + n);
            case NONE -> this;
        };
    }
}
