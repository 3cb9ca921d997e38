package io.dialer.engine.result;

import java.time.Duration;
import java.util.Objects;

/**
 * How a campaign measures abandonment (research notes, section 3), as configuration.
 *
 * @param rule                 US (FTC TSR / FCC TCPA) or UK (Ofcom)
 * @param window               rolling measuring window: P30D for the US (a campaign shorter than 30 days is measured
 *                             whole, which a rolling 30 days gives too), PT24H for the UK
 * @param cap                  the maximum rate, e.g. 0.03
 * @param amdFalsePositiveRate the share of AMD "machine" verdicts estimated to have been people; those are counted
 *                             as abandoned live answers (Ofcom requires the estimate; for the US it is our reading of
 *                             the greeting-based definition). 0 when AMD is off or not estimated.
 */
public record AbandonDefinition(Rule rule, Duration window, double cap, double amdFalsePositiveRate) {

    public enum Rule {
        /** abandoned / (live answers + abandoned), false positives added to both. */
        US,
        /** A_adj = A - A M / (L + M); rate = (A_adj + FP) / (L + A_adj + FP). */
        UK
    }

    public static final Duration US_WINDOW = Duration.ofDays(30);
    public static final Duration UK_WINDOW = Duration.ofHours(24);

    public AbandonDefinition {
        Objects.requireNonNull(rule, "rule");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (!(cap >= 0 && cap <= 1) || !(amdFalsePositiveRate >= 0 && amdFalsePositiveRate <= 1)) {
            throw new IllegalArgumentException("cap and amdFalsePositiveRate must be between 0 and 1");
        }
    }

    public static AbandonDefinition us(double cap) {
        return new AbandonDefinition(Rule.US, US_WINDOW, cap, 0);
    }

    public static AbandonDefinition uk(double cap, double amdFalsePositiveRate) {
        return new AbandonDefinition(Rule.UK, UK_WINDOW, cap, amdFalsePositiveRate);
    }

    /** From a campaign's {@code compliance.abandonWindow}: "P30D" is the US definition, "PT24H" the UK one. */
    public static AbandonDefinition fromAbandonWindow(String abandonWindow, double cap, double amdFalsePositiveRate) {
        return switch (abandonWindow) {
            case "P30D" -> new AbandonDefinition(Rule.US, US_WINDOW, cap, amdFalsePositiveRate);
            case "PT24H" -> uk(cap, amdFalsePositiveRate);
            default -> throw new IllegalArgumentException("abandonWindow must be P30D or PT24H: " + abandonWindow);
        };
    }

    /** The rate these counts give under this definition; 0 when nobody has answered yet. */
    public double rate(LedgerCounts c) {
        return estimate(c).rate();
    }

    public AbandonEstimate estimate(LedgerCounts c) {
        double falsePositives = amdFalsePositiveRate * c.machines();
        double abandoned = switch (rule) {
            case US -> c.abandoned() + falsePositives;
            case UK -> adjustedDrops(c) + falsePositives;
        };
        return new AbandonEstimate(c.liveAnswers() + abandoned, abandoned);
    }

    /** Ofcom: raw drops less the share of them estimated to be machines from what agents saw. */
    static double adjustedDrops(LedgerCounts c) {
        long handled = c.liveAnswers() + c.machinesAtAgent();
        return handled > 0 ? c.abandoned() * (double) c.liveAnswers() / handled : c.abandoned();
    }
}
