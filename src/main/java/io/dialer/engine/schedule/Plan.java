package io.dialer.engine.schedule;

import io.dialer.engine.schedule.Decision.DialAt;
import io.dialer.engine.schedule.Decision.Never;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision and the waits behind it, computed once for one instant: the loop stores {@link #nextDialAt()} and the
 * API shows {@link #dialability(boolean)} from the same computation.
 *
 * @param waits what holds the contact back until {@code decision}'s time, each with its own end, all after {@code now}
 */
public record Plan(Decision decision, List<Reason> waits, Instant now) {

    public Plan {
        waits = List.copyOf(waits);
    }

    /** The instant to store as the contact's next dial time, or null if it is never dialled again. */
    public Instant nextDialAt() {
        return decision instanceof DialAt d ? d.at() : null;
    }

    public Dialability dialability(boolean campaignRunning) {
        if (decision instanceof Never never) {
            return new Dialability(false, never.reasons());
        }
        DialAt dial = (DialAt) decision;
        if (campaignRunning && !dial.at().isAfter(now)) {
            return Dialability.NOW;
        }
        List<Reason> reasons = new ArrayList<>();
        if (!campaignRunning) {
            reasons.add(Reason.forever(ReasonCode.CAMPAIGN_NOT_RUNNING, "the campaign is not running"));
        }
        reasons.addAll(waits);
        return new Dialability(false, reasons);
    }
}
