package io.dialer.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one attempt of a delivery: checks where the host resolves now, signs the body with this attempt's timestamp,
 * POSTs it without following redirects, and reports the outcome. The whole exchange, response body included, ends
 * within the timeout: a receiver that trickles its answer cannot hold a sender thread.
 *
 * <p>It uses the blocking {@code send} on the dispatcher's sender threads rather than {@code sendAsync}: the JDK client
 * hands every async completion to the common pool's executor, which on a machine with two cores or fewer is a new
 * thread per task (measured: ~430 thread starts per second at 1,000 deliveries/s).
 */
final class WebhookSender {

    static final String USER_AGENT = "Dialer-Webhooks/1";
    /** Response bodies are read (so the connection can be reused) up to this size, then dropped. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final HttpClient http;
    private final TargetGuard guard;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;

    WebhookSender(TargetGuard guard, ObjectMapper mapper, Clock clock, Duration timeout, ScheduledExecutorService watchdog) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        this.guard = guard;
        this.mapper = mapper;
        this.clock = clock;
        this.timeout = timeout;
        this.watchdog = watchdog;
    }

    /** Sends the attempt and waits for its outcome (at most the timeout, plus name resolution). Never throws. */
    DeliveryOutcome send(ClaimedDelivery d) {
        Instant start = clock.instant();
        if (d.eventType() == null) {
            return new DeliveryOutcome(d, start, null, 0,
                    "the event no longer exists (events are kept " + EventService.RETENTION.toDays() + " days)", null);
        }
        try {
            URI uri = URI.create(d.url());
            byte[] body = mapper.writeValueAsBytes(WebhookPayload.of(d));
            Optional<String> refusal = guard.deliveryRefusal(uri);
            if (refusal.isPresent()) {
                return new DeliveryOutcome(d, start, null, millisSince(start), "not sent: the host " + refusal.get(), null);
            }
            return post(d, uri, body);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return new DeliveryOutcome(d, start, null, 0, "cannot build the request: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            return new DeliveryOutcome(d, start, null, millisSince(start), "failed: " + e, null);
        }
    }

    private DeliveryOutcome post(ClaimedDelivery d, URI uri, byte[] body) {
        Instant sentAt = clock.instant();
        long timestamp = sentAt.getEpochSecond();
        String msgId = d.eventId().toString();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", msgId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.signatureHeader(d.secrets(), msgId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response;
        int latency;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            latency = millisSince(sentAt);
            drain(response.body(), timeout.minus(Duration.between(sentAt, clock.instant())));
        } catch (IOException e) {
            return new DeliveryOutcome(d, sentAt, null, millisSince(sentAt), describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryOutcome(d, sentAt, null, millisSince(sentAt), "interrupted (the service is stopping)", null);
        }
        int status = response.statusCode();
        String error = null;
        if (status >= 300 && status < 400) {
            error = "redirects are not followed" + response.headers().firstValue("Location")
                    .map(l -> " (Location: " + l + ")").orElse("");
        } else if (status == 410) {
            error = "410 Gone: the endpoint is disabled";
        }
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .map(h -> RetrySchedule.parseRetryAfter(h, clock.instant())).orElse(null);
        return new DeliveryOutcome(d, sentAt, status, latency, error, retryAfter);
    }

    /** Reads and drops the response body, giving up (and dropping the connection) when it is too long or too slow. */
    private void drain(InputStream body, Duration left) {
        ScheduledFuture<?> cutOff = watchdog.schedule(() -> closeQuietly(body), Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
        try (body) {
            byte[] buffer = new byte[8192];
            int total = 0;
            int n;
            while (total < MAX_RESPONSE_BYTES && (n = body.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException e) {
            // the status is what counts; the body was cut off
        } finally {
            cutOff.cancel(false);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing is all we want
        }
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "could not connect within " + timeout.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within " + timeout.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "could not connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + e.getMessage();
        }
        return "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private int millisSince(Instant start) {
        return (int) Math.min(Integer.MAX_VALUE, Duration.between(start, clock.instant()).toMillis());
    }
}
