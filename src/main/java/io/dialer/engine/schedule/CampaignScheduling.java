package io.dialer.engine.schedule;

import java.util.List;
import java.util.Objects;

/**
 * The part of a campaign's configuration that decides when and on which number a contact is called.
 *
 * @param numberOrder phone types in the order they are tried, e.g. MOBILE, HOME, WORK, OTHER; types not listed
 *                    come after the listed ones, in the contact's own order
 */
public record CampaignScheduling(CallingSchedule schedule, RetryPolicy retries, List<String> numberOrder) {

    public static final List<String> DEFAULT_NUMBER_ORDER = List.of("MOBILE", "HOME", "WORK", "OTHER");

    public CampaignScheduling {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(retries, "retries");
        numberOrder = List.copyOf(numberOrder);
    }

    public CampaignScheduling withSchedule(CallingSchedule newSchedule) {
        return new CampaignScheduling(newSchedule, retries, numberOrder);
    }

    public CampaignScheduling withRetries(RetryPolicy newRetries) {
        return new CampaignScheduling(schedule, newRetries, numberOrder);
    }

    public CampaignScheduling withNumberOrder(List<String> newOrder) {
        return new CampaignScheduling(schedule, retries, newOrder);
    }
}
