package io.dialer.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Fallback notifications on this replica. Off unless configured: e-mail needs {@code email.enabled=true} and the
 * standard {@code quarkus.mailer.*} settings (host, port, from, credentials); SMS needs {@code sms.url}.
 */
@ConfigMapping(prefix = "dialer.notification")
public interface NotificationConfig {

    Email email();

    Sms sms();

    /** How often the notifier looks for new fallback requests and due messages (the scheduler reads it too). */
    @WithDefault("5s")
    Duration interval();

    /** Most messages one replica sends per pass. */
    @WithDefault("100")
    int batchSize();

    /** Sending tries per message before it is FAILED. */
    @WithDefault("5")
    int maxAttempts();

    /** Delay before the first retry; each further retry waits four times longer (30 s, 2 min, 8 min, 32 min). */
    @WithDefault("30s")
    Duration retryDelay();

    /** Fallback requests older than this when first seen are not sent (a message days late does more harm than good). */
    @WithDefault("24h")
    Duration maxAge();

    interface Email {
        /** Send e-mail fallbacks through the Quarkus mailer (SMTP). */
        @WithDefault("false")
        boolean enabled();

        /** Longest wait for the SMTP server to take one message; a send that times out is retried later. */
        @WithDefault("60s")
        Duration timeout();
    }

    interface Sms {
        /** The HTTP SMS gateway's URL; SMS fallbacks are off while it is unset. */
        Optional<String> url();

        /** The gateway's Authorization header value, e.g. {@code Bearer xyz}. */
        Optional<String> authHeader();

        /** The JSON body POSTed to the gateway; {@code {{to}}} and {{text}} are replaced with JSON-escaped values. */
        @WithDefault("{\"to\":\"{{to}}\",\"text\":\"{{text}}\"}")
        String bodyTemplate();

        /** Connect and response timeout of one gateway request. */
        @WithDefault("10s")
        Duration timeout();
    }
}
