-- The live dialing loop: leases, attempts, and the scheduling state of contacts.
-- Times written by a campaign's loop (placed_at, next_dial_at, ...) are on the campaign clock, which is the real clock
-- except for simulated campaigns running with a time scale.

-- One row per campaign that has ever run: which replica runs its loop until when, and the campaign clock.
CREATE TABLE campaign_lease (
    campaign_id      uuid PRIMARY KEY,
    tenant           text             NOT NULL,
    owner            text             NOT NULL,
    -- incremented on every change of owner; writes of a loop are fenced by (owner, epoch)
    epoch            bigint           NOT NULL,
    expires_at       timestamptz      NOT NULL,
    clock_anchor     timestamptz      NOT NULL,
    campaign_anchor  timestamptz      NOT NULL,
    time_scale       double precision NOT NULL,
    -- live figures published by the owning loop for GET /stats on any replica
    live             jsonb
);

CREATE TABLE attempt (
    id            uuid PRIMARY KEY,
    tenant        text        NOT NULL,
    campaign_id   uuid        NOT NULL,
    contact_id    uuid        NOT NULL,
    phone_index   integer     NOT NULL,
    number        text        NOT NULL,
    mode          text        NOT NULL,
    -- OFFERED (preview, waiting for the agent), DIALING (at the carrier), ENDED
    state         text        NOT NULL,
    result        text,
    agent_id      uuid,
    callback      boolean     NOT NULL DEFAULT false,
    owner         text        NOT NULL,
    epoch         bigint      NOT NULL,
    trunk         text,
    caller_id     text,
    placed_at     timestamptz NOT NULL,
    answered_at   timestamptz,
    connected_at  timestamptz,
    ended_at      timestamptz,
    cause         text,
    preview_action text,
    outcome       text
);
CREATE INDEX attempt_contact ON attempt (contact_id, placed_at);
CREATE INDEX attempt_campaign ON attempt (campaign_id, id);
CREATE INDEX attempt_open ON attempt (campaign_id) WHERE state <> 'ENDED';

ALTER TABLE contact
    ADD COLUMN next_phone_index integer,
    -- false until the loop has computed next_dial_at with the campaign's current settings
    ADD COLUMN planned boolean NOT NULL DEFAULT false,
    ADD COLUMN callback_at timestamptz,
    ADD COLUMN callback_agent_id text,
    ADD COLUMN callback_phone_index integer,
    ADD COLUMN callback_any_time boolean NOT NULL DEFAULT false;

CREATE INDEX contact_due ON contact (campaign_id, priority DESC, next_dial_at) WHERE state = 'PENDING';
CREATE INDEX contact_unplanned ON contact (campaign_id) WHERE state = 'PENDING' AND NOT planned;
