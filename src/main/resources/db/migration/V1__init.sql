-- Every table carries its tenant; every query filters on it. Ids are time-ordered UUIDs made by the service.

CREATE TABLE campaign (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    name         text        NOT NULL,
    description  text,
    state        text        NOT NULL,
    config       jsonb       NOT NULL,
    version      integer     NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    started_at   timestamptz,
    stopped_at   timestamptz
);
CREATE INDEX campaign_tenant_id ON campaign (tenant, id);

CREATE TABLE contact (
    id             uuid PRIMARY KEY,
    tenant         text        NOT NULL,
    -- no foreign key: a per-row referential check would dominate million-row imports; CampaignService.delete
    -- removes a campaign's contacts, and imports and deletes of one campaign are serialised by an advisory lock
    campaign_id    uuid        NOT NULL,
    external_id    text        NOT NULL,
    first_name     text,
    last_name      text,
    timezone       text,
    priority       integer     NOT NULL DEFAULT 0,
    dial_after     timestamptz,
    expires_at     timestamptz,
    attributes     jsonb,
    windows        jsonb,
    -- [{number, type, e164}]: facts derived from the number (type, region, zones) are recomputed on read
    phones         jsonb       NOT NULL,
    state          text        NOT NULL DEFAULT 'PENDING',
    attempt_count  integer     NOT NULL DEFAULT 0,
    last_result    text,
    next_dial_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- also the index of a campaign's contact list (ordered by externalId)
    CONSTRAINT contact_external_id_unique UNIQUE (campaign_id, external_id)
);

CREATE TABLE dnc_entry (
    tenant      text        NOT NULL,
    e164        text        NOT NULL,
    reason      text,
    source      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant, e164)
);

CREATE TABLE phone_number_status (
    tenant      text        NOT NULL,
    e164        text        NOT NULL,
    status      text        NOT NULL,
    reason      text,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant, e164)
);

CREATE TABLE import_job (
    id              uuid PRIMARY KEY,
    tenant          text        NOT NULL,
    campaign_id     uuid        NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    state           text        NOT NULL,
    format          text        NOT NULL,
    dry_run         boolean     NOT NULL,
    on_duplicate    text        NOT NULL,
    options         jsonb       NOT NULL,
    bytes_total     bigint      NOT NULL DEFAULT 0,
    bytes_read      bigint      NOT NULL DEFAULT 0,
    rows_read       bigint      NOT NULL DEFAULT 0,
    rows_created    bigint      NOT NULL DEFAULT 0,
    rows_updated    bigint      NOT NULL DEFAULT 0,
    rows_skipped    bigint      NOT NULL DEFAULT 0,
    rows_rejected   bigint      NOT NULL DEFAULT 0,
    invalid_numbers bigint      NOT NULL DEFAULT 0,
    failure         text,
    owner           text,
    heartbeat_at    timestamptz,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz
);
CREATE INDEX import_job_tenant ON import_job (tenant, id);
CREATE INDEX import_job_active ON import_job (state) WHERE state IN ('QUEUED', 'RUNNING');

CREATE TABLE import_error (
    import_id    uuid   NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    tenant       text   NOT NULL,
    row_number   bigint NOT NULL,
    seq          integer NOT NULL,
    external_id  text,
    field        text,
    code         text   NOT NULL,
    message      text   NOT NULL,
    severity     text   NOT NULL DEFAULT 'ERROR',
    PRIMARY KEY (import_id, row_number, seq)
);

CREATE TABLE idempotency_key (
    tenant        text        NOT NULL,
    key           text        NOT NULL,
    fingerprint   text        NOT NULL,
    state         text        NOT NULL,
    status        integer,
    content_type  text,
    location      text,
    body          bytea,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
