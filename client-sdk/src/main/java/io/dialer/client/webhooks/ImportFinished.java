package io.dialer.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code import.completed} or {@code import.failed}: a contact import job ended. */
public final class ImportFinished extends WebhookEvent {

    ImportFinished(JsonNode envelope) {
        super(envelope);
    }

    public boolean succeeded() {
        return IMPORT_COMPLETED.equals(type());
    }

    public String importId() {
        return text("importId");
    }

    /** Why the import failed (import.failed only). */
    public String failure() {
        return text("failure");
    }

    public Boolean dryRun() {
        return bool("dryRun");
    }

    public Long rowsRead() {
        return longValue("rowsRead");
    }

    public Long rowsCreated() {
        return longValue("rowsCreated");
    }

    public Long rowsUpdated() {
        return longValue("rowsUpdated");
    }

    public Long rowsSkipped() {
        return longValue("rowsSkipped");
    }

    public Long rowsRejected() {
        return longValue("rowsRejected");
    }
}
