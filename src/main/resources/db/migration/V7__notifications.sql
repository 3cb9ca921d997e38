-- Fallback notifications: one row per contact.fallback_requested event and channel (EMAIL, SMS). Any replica's
-- notifier creates the rows from the event log (idempotent: unique per event and channel), claims due rows with
-- SKIP LOCKED, sends, and stores the outcome here.

CREATE TABLE notification (
    id               uuid PRIMARY KEY,
    tenant           text        NOT NULL,
    event_id         uuid        NOT NULL,
    campaign_id      uuid,
    contact_id       text,
    channel          text        NOT NULL,
    -- PENDING (due at next_attempt_at), SENDING (claimed; next_attempt_at is the claim's expiry), SENT, FAILED, SKIPPED
    state            text        NOT NULL DEFAULT 'PENDING',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    recipient        text,
    last_status      integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    CONSTRAINT notification_event_channel UNIQUE (event_id, channel)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');
CREATE INDEX notification_campaign ON notification (tenant, campaign_id, created_at);

-- Lets the notifier find recent fallback requests without reading the rest of the event log.
CREATE INDEX event_fallback_requested ON event (created_at) WHERE type = 'contact.fallback_requested';
