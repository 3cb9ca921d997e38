package io.dialer.simulation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.engine.sim.AlgorithmResult;
import io.dialer.engine.sim.Scenario;
import io.dialer.platform.Db;
import io.dialer.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for simulations. Every read by a client filters on the tenant. */
@ApplicationScoped
class SimulationRepository {

    private static final TypeReference<List<AlgorithmResult>> RESULTS = new TypeReference<>() {
    };
    private static final String SUMMARY_COLUMNS = "id, state, scenario, failure, created_at, started_at, finished_at";

    private final Db db;
    private final ObjectMapper mapper;

    SimulationRepository(Db db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    void insert(UUID id, String tenant, Scenario scenario, String owner, Instant now) {
        db.update("INSERT INTO simulation (id, tenant, state, scenario, owner, heartbeat_at, created_at) "
                + "VALUES (?, ?, 'QUEUED', ?::jsonb, ?, ?, ?)", id, tenant, Json.write(mapper, scenario), owner, now, now);
    }

    Optional<SimulationJob> find(String tenant, UUID id) {
        return db.one("SELECT " + SUMMARY_COLUMNS + ", results FROM simulation WHERE tenant = ? AND id = ?",
                rs -> map(rs, Json.read(mapper, rs.getString("results"), RESULTS)), tenant, id);
    }

    /** Newest first; {@code before} is the id of the last row of the previous page. */
    List<SimulationJob> list(String tenant, UUID before, int limit) {
        return db.list("SELECT " + SUMMARY_COLUMNS + " FROM simulation WHERE tenant = ? AND (?::uuid IS NULL OR id < ?) "
                + "ORDER BY id DESC LIMIT ?", rs -> map(rs, null), tenant, before, before, limit);
    }

    int countActive(String tenant) {
        return db.one("SELECT count(*) FROM simulation WHERE tenant = ? AND state IN ('QUEUED', 'RUNNING')",
                rs -> rs.getInt(1), tenant).orElse(0);
    }

    boolean markRunning(UUID id, Instant now) {
        return db.update("UPDATE simulation SET state = 'RUNNING', started_at = ?, heartbeat_at = ? "
                + "WHERE id = ? AND state = 'QUEUED'", now, now, id) == 1;
    }

    void complete(UUID id, List<AlgorithmResult> results, Instant now) {
        db.update("UPDATE simulation SET state = 'COMPLETED', results = ?::jsonb, finished_at = ?, heartbeat_at = ? "
                + "WHERE id = ? AND state = 'RUNNING'", Json.write(mapper, results), now, now, id);
    }

    void fail(UUID id, String failure, Instant now) {
        db.update("UPDATE simulation SET state = 'FAILED', failure = ?, finished_at = ?, heartbeat_at = ? "
                + "WHERE id = ? AND state IN ('QUEUED', 'RUNNING')", failure, now, now, id);
    }

    void heartbeat(String owner, Instant now) {
        db.update("UPDATE simulation SET heartbeat_at = ? WHERE owner = ? AND state IN ('QUEUED', 'RUNNING')", now, owner);
    }

    /** Simulations whose replica stopped sending heartbeats are failed, so none stays QUEUED or RUNNING forever. */
    int failAbandoned(Instant staleBefore, Instant now) {
        return db.update("UPDATE simulation SET state = 'FAILED', finished_at = ?, failure = ? "
                + "WHERE state IN ('QUEUED', 'RUNNING') AND heartbeat_at < ?", now, STOPPED, staleBefore);
    }

    /** On a clean shutdown, this replica's unfinished simulations fail at once instead of waiting for the reaper. */
    int failOwned(String owner, Instant now) {
        return db.update("UPDATE simulation SET state = 'FAILED', finished_at = ?, failure = ? "
                + "WHERE owner = ? AND state IN ('QUEUED', 'RUNNING')", now, STOPPED, owner);
    }

    static final String STOPPED = "The service instance running this simulation stopped before it finished; submit it again.";

    private SimulationJob map(ResultSet rs, List<AlgorithmResult> results) throws SQLException {
        return new SimulationJob(rs.getObject("id", UUID.class).toString(),
                SimulationJob.State.valueOf(rs.getString("state")), Db.instant(rs, "created_at"),
                Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"), rs.getString("failure"),
                Json.read(mapper, rs.getString("scenario"), Scenario.class), results);
    }
}
