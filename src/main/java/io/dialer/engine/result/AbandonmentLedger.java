package io.dialer.engine.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A campaign's abandonment ledger: entries per attempt outcome, plus optional counts already aggregated by the
 * database, measured over the definition's rolling window ending at a given instant. The caller passes the time, so
 * the same inputs always give the same rate. Not thread-safe.
 */
public final class AbandonmentLedger {

    private final AbandonDefinition definition;
    private final LedgerCounts aggregated;
    /** Sorted by time. {@code cumulative[i]} holds the counts of entries [0, i). */
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<LedgerCounts> cumulative = new ArrayList<>(List.of(LedgerCounts.ZERO));

    private AbandonmentLedger(AbandonDefinition definition, LedgerCounts aggregated) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.aggregated = Objects.requireNonNull(aggregated, "aggregated");
    }

    public static AbandonmentLedger empty(AbandonDefinition definition) {
        return new AbandonmentLedger(definition, LedgerCounts.ZERO);
    }

    public static AbandonmentLedger of(AbandonDefinition definition, Collection<LedgerEntry> entries) {
        AbandonmentLedger ledger = empty(definition);
        entries.stream().sorted((a, b) -> a.at().compareTo(b.at())).forEach(ledger::record);
        return ledger;
    }

    /**
     * Counts the database already aggregated over the definition's window (e.g. a GROUP BY over the last 24 hours).
     * They are taken as they are, whatever instant is asked; entries recorded afterwards add to them.
     */
    public static AbandonmentLedger fromCounts(AbandonDefinition definition, LedgerCounts counts) {
        return new AbandonmentLedger(definition, counts);
    }

    public AbandonDefinition definition() {
        return definition;
    }

    public void record(LedgerEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.role() == AbandonmentRole.NONE) {
            return;
        }
        if (entries.isEmpty() || !entry.at().isBefore(entries.get(entries.size() - 1).at())) {
            entries.add(entry);
            cumulative.add(cumulative.get(cumulative.size() - 1).plus(entry.role(), 1));
            return;
        }
        int at = firstIndexAfter(entry.at());
        entries.add(at, entry);
        cumulative.add(at + 1, cumulative.get(at).plus(entry.role(), 1));
        for (int i = at + 2; i < cumulative.size(); i++) {
            cumulative.set(i, cumulative.get(i).plus(entry.role(), 1));
        }
    }

    public void record(Instant at, ResultCode code) {
        record(LedgerEntry.of(at, code));
    }

    /** Counts in the window (now - window, now]; entries stamped after {@code now} are not counted yet. */
    public LedgerCounts countsAt(Instant now) {
        int from = firstIndexAfter(now.minus(definition.window()));
        int to = firstIndexAfter(now);
        LedgerCounts upper = cumulative.get(to);
        LedgerCounts lower = cumulative.get(Math.min(from, to));
        return aggregated.plus(new LedgerCounts(upper.liveAnswers() - lower.liveAnswers(),
                upper.abandoned() - lower.abandoned(), upper.machines() - lower.machines(),
                upper.machinesAtAgent() - lower.machinesAtAgent()));
    }

    /** Numerator and denominator at {@code now}, e.g. for the pacer's snapshot. */
    public AbandonEstimate estimateAt(Instant now) {
        return definition.estimate(countsAt(now));
    }

    public double rateAt(Instant now) {
        return definition.rate(countsAt(now));
    }

    public boolean overCapAt(Instant now) {
        return rateAt(now) > definition.cap();
    }

    /** Whether abandoning one more answered call now would put the rate above the cap. */
    public boolean oneMoreAbandonWouldExceedCap(Instant now) {
        return definition.rate(countsAt(now).plus(AbandonmentRole.ABANDONED_LIVE, 1)) > definition.cap();
    }

    /** Drops entries that can no longer fall into any window ending at or after {@code now}. */
    public void forgetBefore(Instant now) {
        int keepFrom = firstIndexAfter(now.minus(definition.window()));
        if (keepFrom == 0) {
            return;
        }
        List<LedgerEntry> kept = new ArrayList<>(entries.subList(keepFrom, entries.size()));
        entries.clear();
        cumulative.clear();
        cumulative.add(LedgerCounts.ZERO);
        kept.forEach(this::record);
    }

    public int size() {
        return entries.size();
    }

    /** Index of the first entry stamped strictly after {@code t}. */
    private int firstIndexAfter(Instant t) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).at().isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
