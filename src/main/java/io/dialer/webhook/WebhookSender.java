package io.dialer.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLException;
import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Sends one attempt of a delivery: checks where the host resolves now, signs the body with this attempt's timestamp,
 * POSTs it without following redirects, and reports the outcome. Never completes exceptionally.
 */
final class WebhookSender {

    static final String USER_AGENT = "Dialer-Webhooks/1";

    private final HttpClient http;
    private final TargetGuard guard;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration timeout;
    private final Executor resolverPool;

    WebhookSender(TargetGuard guard, ObjectMapper mapper, Clock clock, Duration timeout, Executor resolverPool) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        this.guard = guard;
        this.mapper = mapper;
        this.clock = clock;
        this.timeout = timeout;
        this.resolverPool = resolverPool;
    }

    CompletableFuture<DeliveryOutcome> send(ClaimedDelivery d) {
        Instant start = clock.instant();
        if (d.eventType() == null) {
            return CompletableFuture.completedFuture(new DeliveryOutcome(d, start, null, 0,
                    "the event no longer exists (events are kept " + EventService.RETENTION.toDays() + " days)", null));
        }
        URI uri;
        byte[] body;
        try {
            uri = URI.create(d.url());
            body = mapper.writeValueAsBytes(WebhookPayload.of(d));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return CompletableFuture.completedFuture(new DeliveryOutcome(d, start, null, 0, "cannot build the request: "
                    + e.getMessage(), null));
        }
        // resolving may block, so it runs off the dispatcher's thread
        return CompletableFuture.supplyAsync(() -> guard.deliveryRefusal(uri), resolverPool)
                .thenCompose(refusal -> refusal.isPresent()
                        ? CompletableFuture.completedFuture(new DeliveryOutcome(d, start, null, millisSince(start),
                        "not sent: the host " + refusal.get(), null))
                        : post(d, uri, body))
                .exceptionally(e -> new DeliveryOutcome(d, start, null, millisSince(start), describe(e), null));
    }

    private CompletableFuture<DeliveryOutcome> post(ClaimedDelivery d, URI uri, byte[] body) {
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
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    int latency = millisSince(sentAt);
                    if (failure != null) {
                        return new DeliveryOutcome(d, sentAt, null, latency, describe(failure), null);
                    }
                    int status = response.statusCode();
                    String error = null;
                    if (status >= 300 && status < 400) {
                        error = "redirects are not followed" + response.headers().firstValue("Location").map(l -> " (Location: "
                                + l + ")").orElse("");
                    } else if (status == 410) {
                        error = "410 Gone: the endpoint is disabled";
                    }
                    Optional<String> retryAfter = response.headers().firstValue("Retry-After");
                    return new DeliveryOutcome(d, sentAt, status, latency, error,
                            retryAfter.map(h -> RetrySchedule.parseRetryAfter(h, clock.instant())).orElse(null));
                });
    }

    private String describe(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
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
        if (e instanceof IOException) {
            return "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return "failed: " + e;
    }

    private int millisSince(Instant start) {
        return (int) Math.min(Integer.MAX_VALUE, Duration.between(start, clock.instant()).toMillis());
    }
}
