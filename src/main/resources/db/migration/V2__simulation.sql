-- What-if pacing simulations (POST /v1/simulations): run in the background on the replica that accepted them.
CREATE TABLE simulation (
    id           uuid PRIMARY KEY,
    tenant       text        NOT NULL,
    state        text        NOT NULL,
    scenario     jsonb       NOT NULL,
    results      jsonb,
    failure      text,
    owner        text,
    heartbeat_at timestamptz,
    created_at   timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX simulation_tenant ON simulation (tenant, id);
CREATE INDEX simulation_active ON simulation (state) WHERE state IN ('QUEUED', 'RUNNING');
