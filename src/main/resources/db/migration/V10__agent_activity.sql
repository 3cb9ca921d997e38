-- Agent time per campaign and campaign-clock minute, written by the campaign's loop: what the report's utilization
-- (talk + wrap over logged-in time, pauses excluded) and per-agent figures are computed from.
CREATE TABLE agent_activity (
    tenant          text             NOT NULL,
    campaign_id     uuid             NOT NULL,
    agent_id        uuid             NOT NULL,
    minute          timestamptz      NOT NULL,
    ready_seconds   double precision NOT NULL DEFAULT 0,
    talk_seconds    double precision NOT NULL DEFAULT 0,
    wrap_seconds    double precision NOT NULL DEFAULT 0,
    paused_seconds  double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, minute, agent_id)
);
