-- The event log (what the CRM can read back and replay) and the webhook outbox. An event and its delivery rows are
-- written in the same transaction as the state change that caused them.

CREATE TABLE event (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    type         text        NOT NULL,
    campaign_id  uuid,
    -- per campaign and tenant, gap-free in commit order of the campaign's writers; null for events of no campaign
    sequence     bigint,
    created_at   timestamptz NOT NULL,
    data         jsonb       NOT NULL
);
CREATE INDEX event_tenant_id ON event (tenant, id);
CREATE INDEX event_created ON event (created_at);

CREATE TABLE campaign_event_sequence (
    campaign_id  uuid PRIMARY KEY,
    tenant       text   NOT NULL,
    last         bigint NOT NULL
);

CREATE TABLE webhook_endpoint (
    id                     uuid PRIMARY KEY,
    tenant                 text        NOT NULL,
    url                    text        NOT NULL,
    -- empty: every type
    event_types            text[]      NOT NULL DEFAULT '{}',
    enabled                boolean     NOT NULL DEFAULT true,
    description            text,
    secret                 text        NOT NULL,
    previous_secret        text,
    previous_secret_until  timestamptz,
    failing_since          timestamptz,
    disabled_reason        text,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);
CREATE INDEX webhook_endpoint_tenant ON webhook_endpoint (tenant, id);

-- The outbox: one row per event and endpoint, claimed by any replica's dispatcher with SKIP LOCKED.
CREATE TABLE webhook_delivery (
    id               uuid PRIMARY KEY,
    tenant           text        NOT NULL,
    endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id         uuid        NOT NULL,
    state            text        NOT NULL DEFAULT 'PENDING',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    last_status      integer,
    last_error       text
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at);

-- The delivery log: one row per HTTP attempt.
CREATE TABLE webhook_delivery_attempt (
    id            bigserial PRIMARY KEY,
    tenant        text        NOT NULL,
    endpoint_id   uuid        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    delivery_id   uuid        NOT NULL,
    event_id      uuid        NOT NULL,
    attempted_at  timestamptz NOT NULL,
    status_code   integer,
    latency_ms    integer,
    error         text
);
CREATE INDEX webhook_delivery_attempt_endpoint ON webhook_delivery_attempt (endpoint_id, id);

-- The CRM's own id of a campaign, carried in events.
ALTER TABLE campaign ADD COLUMN external_id text;

-- Business outcomes recorded on an attempt (by the agent desktop, the CRM or the IVR).
ALTER TABLE attempt
    ADD COLUMN outcome_final boolean,
    ADD COLUMN outcome_category text,
    ADD COLUMN outcome_notes text,
    ADD COLUMN outcome_data jsonb,
    ADD COLUMN outcome_callback_at timestamptz,
    ADD COLUMN outcome_recorded_at timestamptz;
