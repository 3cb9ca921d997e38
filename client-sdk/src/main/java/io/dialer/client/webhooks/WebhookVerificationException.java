package io.dialer.client.webhooks;

/**
 * A webhook request that must not be trusted: a header is missing, the timestamp is outside the tolerance, no
 * signature matches, or the signed body is not a Dialer event. Answer such a request with 400 and do not act on it.
 */
public class WebhookVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String message) {
        super(message);
    }

    public WebhookVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
