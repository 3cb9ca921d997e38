-- Agents, their assignment to campaigns, and the agent event stream (SSE). Owned by io.dialer.agent.

CREATE TABLE agent (
    id            uuid PRIMARY KEY,
    tenant        text        NOT NULL,
    name          text        NOT NULL,
    simulated     boolean     NOT NULL DEFAULT false,
    -- LOGGED_OUT, READY, PAUSED, RESERVED, ON_CALL, WRAP_UP (io.dialer.agent.AgentState)
    state         text        NOT NULL,
    state_reason  text,
    state_since   timestamptz NOT NULL,
    -- the attempt the agent is reserved for / talking on / wrapping up, and that attempt's campaign
    attempt_id    uuid,
    campaign_id   uuid,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX agent_tenant_id ON agent (tenant, id);

-- No foreign key to campaign (another feature's table): CampaignDeleted removes a deleted campaign's rows.
CREATE TABLE agent_campaign (
    tenant       text NOT NULL,
    agent_id     uuid NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    campaign_id  uuid NOT NULL,
    PRIMARY KEY (agent_id, campaign_id)
);
CREATE INDEX agent_campaign_by_campaign ON agent_campaign (campaign_id, agent_id);

-- Append-only; every replica's stream poller reads new rows by id. Rows older than 24 h are deleted.
-- No foreign key to agent: a deleted agent's last event ('deleted') must still reach its open streams.
CREATE TABLE agent_event (
    id          bigserial PRIMARY KEY,
    tenant      text        NOT NULL,
    agent_id    uuid        NOT NULL,
    type        text        NOT NULL,
    data        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_event_agent ON agent_event (agent_id, id);
CREATE INDEX agent_event_created ON agent_event USING brin (created_at);
