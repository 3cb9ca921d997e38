package io.dialer.client.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Verifies the webhooks Dialer sends (Standard Webhooks v1: {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature} headers; HMAC-SHA256 over {@code id.timestamp.body} with the endpoint's {@code whsec_}
 * secret) and parses them into typed events.
 * <pre>
 * try {
 *     WebhookEvent event = Webhooks.verify(rawBody, headers, secret, Webhooks.DEFAULT_TOLERANCE);
 *     if (event instanceof AttemptCompleted a) { ... a.result() ... }
 * } catch (WebhookVerificationException e) {
 *     // answer 400 and ignore the request
 * }
 * </pre>
 * Verify the raw body exactly as received: parsing and re-serialising the JSON first changes the bytes and breaks
 * the signature. The {@code webhook-id} stays the same across retries; use it to drop duplicates.
 */
public final class Webhooks {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** How far a request's timestamp may be from the receiver's clock, either way, by default. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1";

    private Webhooks() {
    }

    /**
     * Checks the request's signature and timestamp and returns its event.
     *
     * @param body      the raw request body, exactly as received
     * @param headers   the request headers (names in any case; a repeated signature header may be joined with spaces)
     * @param secret    the endpoint's secret, {@code whsec_<base64>} as the API returned it
     * @param tolerance how far the timestamp may be from now, in the past or the future
     * @throws WebhookVerificationException when the request is not a genuine, fresh Dialer webhook
     */
    public static WebhookEvent verify(String body, Map<String, String> headers, String secret, Duration tolerance)
            throws WebhookVerificationException {
        return verify(body, headers, secret, tolerance, Clock.systemUTC());
    }

    /** {@link #verify(String, Map, String, Duration)} against a given clock. */
    public static WebhookEvent verify(String body, Map<String, String> headers, String secret, Duration tolerance,
                                      Clock clock) throws WebhookVerificationException {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(clock, "clock");
        if (body == null) {
            throw new WebhookVerificationException("The request has no body");
        }
        Map<String, String> h = caseInsensitive(headers);
        String id = required(h, ID_HEADER);
        String timestamp = required(h, TIMESTAMP_HEADER);
        String signatures = required(h, SIGNATURE_HEADER);

        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("The webhook-timestamp header is not a Unix time in seconds: '" + timestamp + "'");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(tolerance))) {
            throw new WebhookVerificationException("The webhook timestamp " + sent + " is more than " + tolerance
                    + " before now (" + now + "): too old, possibly a replay");
        }
        if (sent.isAfter(now.plus(tolerance))) {
            throw new WebhookVerificationException("The webhook timestamp " + sent + " is more than " + tolerance
                    + " after now (" + now + "): in the future; check the clocks");
        }

        byte[] expected = hmac(key(secret), id.strip() + "." + timestamp.strip() + "." + body);
        boolean anyV1 = false;
        boolean matched = false;
        for (String candidate : signatures.strip().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !VERSION.equals(candidate.substring(0, comma))) {
                continue; // other schemes (v1a) and malformed entries are not ours to check
            }
            anyV1 = true;
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            // constant time; keep looping so that timing does not tell which entry matched
            matched |= MessageDigest.isEqual(expected, given);
        }
        if (!anyV1) {
            throw new WebhookVerificationException("The webhook-signature header has no v1 signature");
        }
        if (!matched) {
            throw new WebhookVerificationException("No webhook signature matches: the body or headers were changed, "
                    + "or the secret is not this endpoint's");
        }
        try {
            return WebhookEvent.parse(body);
        } catch (IllegalArgumentException e) {
            throw new WebhookVerificationException("The signature is valid but the body is not a Dialer event: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code webhook-signature} value ({@code v1,<base64>}) for a message; useful to test a receiver.
     */
    public static String sign(String id, long timestampSeconds, String body, String secret) {
        try {
            return VERSION + "," + Base64.getEncoder().encodeToString(hmac(key(secret), id + "." + timestampSeconds + "." + body));
        } catch (WebhookVerificationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Turns multi-valued headers (as {@code java.net.http}, {@code com.sun.net.httpserver} or servlet helpers give
     * them) into the single-valued map {@link #verify} takes; repeated values are joined with a space, which is
     * how several signatures may be listed.
     */
    public static Map<String, String> singleValued(Map<String, List<String>> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null && !values.isEmpty()) {
                    out.merge(name, String.join(" ", values), (a, b) -> a + " " + b);
                }
            });
        }
        return out;
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    out.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + " " + b);
                }
            });
        }
        return out;
    }

    private static String required(Map<String, String> headers, String name) throws WebhookVerificationException {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException("The " + name + " header is missing");
        }
        return value;
    }

    private static byte[] key(String secret) throws WebhookVerificationException {
        if (secret == null || secret.isBlank()) {
            throw new WebhookVerificationException("No webhook secret given");
        }
        String encoded = secret.strip();
        if (encoded.startsWith(SECRET_PREFIX)) {
            encoded = encoded.substring(SECRET_PREFIX.length());
        }
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new WebhookVerificationException("The webhook secret is not whsec_ followed by base64");
        }
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
