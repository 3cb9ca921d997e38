package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code campaign.started}, {@code .paused}, {@code .resumed}, {@code .stopped} or {@code .completed}. */
public final class CampaignStateChanged extends WebhookEvent {

    CampaignStateChanged(JsonNode envelope) {
        super(envelope);
    }

    public String name() {
        return text("name");
    }

    /** The campaign's state now (RUNNING, PAUSED, STOPPED, COMPLETED). */
    public String state() {
        return text("state");
    }

    public String previousState() {
        return text("previousState");
    }
}
