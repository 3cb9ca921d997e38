package io.dialer.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored contact. */
public record Contact(UUID id, String tenant, UUID campaignId, String externalId, String firstName, String lastName,
                      String timezone, int priority, Instant dialAfter, Instant expiresAt, String attributesJson,
                      String windowsJson, List<StoredPhone> phones, ContactState state, int attemptCount,
                      String lastResult, Instant nextDialAt, Instant createdAt, Instant updatedAt,
                      Integer nextPhoneIndex, PendingCallback callback) {
}
