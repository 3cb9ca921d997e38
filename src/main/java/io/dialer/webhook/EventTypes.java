package io.dialer.webhook;

import java.util.List;

/** The event catalogue. */
public final class EventTypes {

    public static final String ATTEMPT_COMPLETED = "attempt.completed";
    public static final String CONTACT_COMPLETED = "contact.completed";
    public static final String CONTACT_FALLBACK_REQUESTED = "contact.fallback_requested";
    public static final String OUTCOME_RECORDED = "outcome.recorded";
    public static final String NUMBER_INVALIDATED = "number.invalidated";
    public static final String CAMPAIGN_STARTED = "campaign.started";
    public static final String CAMPAIGN_PAUSED = "campaign.paused";
    public static final String CAMPAIGN_RESUMED = "campaign.resumed";
    public static final String CAMPAIGN_STOPPED = "campaign.stopped";
    public static final String CAMPAIGN_COMPLETED = "campaign.completed";
    public static final String IMPORT_COMPLETED = "import.completed";
    public static final String IMPORT_FAILED = "import.failed";
    public static final String ENDPOINT_DISABLED = "endpoint.disabled";
    public static final String WEBHOOK_TEST = "webhook.test";

    public static final List<String> ALL = List.of(ATTEMPT_COMPLETED, CONTACT_COMPLETED, CONTACT_FALLBACK_REQUESTED,
            OUTCOME_RECORDED, NUMBER_INVALIDATED, CAMPAIGN_STARTED, CAMPAIGN_PAUSED, CAMPAIGN_RESUMED, CAMPAIGN_STOPPED,
            CAMPAIGN_COMPLETED, IMPORT_COMPLETED, IMPORT_FAILED, ENDPOINT_DISABLED, WEBHOOK_TEST);

    private EventTypes() {
    }
}
