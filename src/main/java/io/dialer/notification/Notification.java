package io.dialer.notification;

import java.time.Instant;
import java.util.UUID;

/** One fallback message: an event's message on one channel, and what became of it. */
public record Notification(UUID id, String tenant, UUID eventId, UUID campaignId, String contactId, Channel channel,
                           State state, int attempts, Instant nextAttemptAt, String recipient, Integer lastStatus,
                           String lastError, Instant createdAt, Instant sentAt) {

    public enum Channel { EMAIL, SMS }

    public enum State {
        /** Due at nextAttemptAt. */
        PENDING,
        /** Claimed by a replica's notifier until nextAttemptAt; taken again after that if the replica died. */
        SENDING,
        SENT,
        /** Gave up: attempts exhausted or a permanent error (lastError says which). */
        FAILED,
        /** Nothing to send: the campaign has no such channel any more, or the recipient rendered empty. */
        SKIPPED
    }
}
