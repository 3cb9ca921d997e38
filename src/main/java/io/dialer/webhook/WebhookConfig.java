package io.dialer.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Webhook delivery settings. */
@ConfigMapping(prefix = "dialer.webhook")
public interface WebhookConfig {

    /** Accept http:// endpoint URLs even when authentication is on (they are always accepted when it is off). */
    @WithDefault("false")
    boolean allowHttp();

    /** Accept endpoints on loopback, private, link-local and cloud metadata addresses (never in a shared deployment). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** The delay before each retry; after the last one a delivery fails for good. Each delay gets ±10 % jitter. */
    @WithDefault("5s,5m,30m,2h,5h,10h,14h,20h,24h")
    List<Duration> retrySchedule();

    /** An endpoint whose deliveries have failed without a single success for this long is disabled. */
    @WithDefault("3d")
    Duration disableAfter();

    /** Connect timeout, and the time the receiver has to answer. */
    @WithDefault("15s")
    Duration timeout();

    Dispatcher dispatcher();

    interface Dispatcher {

        /** Deliver webhooks from this replica (any number of replicas may). */
        @WithDefault("true")
        boolean enabled();

        /** How long the dispatcher sleeps when it found less than a full batch. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** Most deliveries claimed in one statement (and at most half of max-in-flight-per-endpoint). */
        @WithDefault("32")
        int batchSize();

        /** Most HTTP requests in flight on this replica (one sender thread each). */
        @WithDefault("128")
        int maxInFlight();

        /** Most HTTP requests in flight to one endpoint on this replica, so one slow endpoint cannot take every slot. */
        @WithDefault("64")
        int maxInFlightPerEndpoint();

        /**
         * How long a claimed delivery stays invisible to other dispatchers; a replica that dies mid-send gives its claims
         * back after this. Must exceed the timeout.
         */
        @WithDefault("60s")
        Duration lease();
    }
}
