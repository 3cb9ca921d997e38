package io.dialer.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Webhook tests: a retry schedule of seconds instead of days, a short timeout, a fast poll and small concurrency limits. */
public class WebhookTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "dialer.webhook.retry-schedule", "200ms,400ms,600ms,800ms,1s,1s,1s,1s,1s",
                "dialer.webhook.timeout", "2s",
                "dialer.webhook.dispatcher.poll-interval", "50ms",
                "dialer.webhook.dispatcher.max-in-flight", "8",
                "dialer.webhook.dispatcher.max-in-flight-per-endpoint", "4");
    }
}
