package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code contact.fallback_requested}: a contact ended without being reached and its campaign asks for a fallback
 * message (Dialer sends its own e-mail/SMS when configured; a CRM may send its own from this event).
 */
public final class FallbackRequested extends WebhookEvent {

    /** The {@link #reason()} of a contact that ran out of attempts. */
    public static final String ATTEMPTS_EXHAUSTED = "ATTEMPTS_EXHAUSTED";

    FallbackRequested(JsonNode envelope) {
        super(envelope);
    }

    public String contactId() {
        return text("contactId");
    }

    /** The contact's id in the CRM. */
    public String externalId() {
        String id = text("externalId");
        return id != null ? id : text("contactExternalId");
    }

    public String firstName() {
        return text("firstName");
    }

    public String lastName() {
        return text("lastName");
    }

    /** {@value #ATTEMPTS_EXHAUSTED}, or the result code that ended the contact. */
    public String reason() {
        return text("reason");
    }

    public String lastResult() {
        return text("lastResult");
    }

    /** The contact's numbers, E.164, in the contact's order. */
    public List<String> phones() {
        return texts("phones");
    }

    /** The contact's attributes as the CRM sent them (empty when none). */
    public ObjectNode attributes() {
        return object("attributes");
    }
}
