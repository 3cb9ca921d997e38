package io.dialer.engine.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides for one contact when and on which number it may be dialled next, and explains why not now. Pure and
 * stateless: the same facts and {@code now} always give the same answer.
 */
public final class Scheduler {

    /** How far ahead a calling time is looked for before a contact is declared never dialable. */
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(400);

    private final Duration horizon;

    public Scheduler() {
        this(DEFAULT_HORIZON);
    }

    public Scheduler(Duration horizon) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive");
        }
        this.horizon = horizon;
    }

    public Decision next(ContactSchedulingFacts contact, CampaignScheduling campaign, Instant now) {
        return plan(contact, campaign, now).decision();
    }

    public Dialability explain(ContactSchedulingFacts contact, CampaignScheduling campaign, boolean campaignRunning,
                               Instant now) {
        return plan(contact, campaign, now).dialability(campaignRunning);
    }

    /** The decision and its explanation from one computation. */
    public Plan plan(ContactSchedulingFacts contact, CampaignScheduling campaign, Instant now) {
        return new Planning(contact, campaign, now, horizon).run();
    }
}
