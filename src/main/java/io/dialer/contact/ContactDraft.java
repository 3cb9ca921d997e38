package io.dialer.contact;

import java.time.Instant;
import java.util.List;

/** A validated, normalised contact ready to be written. JSON columns are already serialised. */
public record ContactDraft(String externalId, String firstName, String lastName, String timezone, int priority,
                           Instant dialAfter, Instant expiresAt, String attributesJson, String windowsJson,
                           List<StoredPhone> phones) {
}
