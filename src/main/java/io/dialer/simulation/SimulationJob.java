package io.dialer.simulation;

import io.dialer.engine.sim.AlgorithmResult;
import io.dialer.engine.sim.Scenario;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A what-if simulation as the API shows it.
 *
 * @param scenario the scenario as run, every default applied
 * @param results  one object per requested algorithm, in the requested order; null until COMPLETED
 * @param failure  why the simulation FAILED; null otherwise
 */
@Schema(name = "Simulation")
public record SimulationJob(String id, State state, Instant createdAt, Instant startedAt, Instant finishedAt,
                            String failure, Scenario scenario, List<AlgorithmResult> results) {

    public enum State { QUEUED, RUNNING, COMPLETED, FAILED }

    /** The list form: everything but the results. */
    @Schema(name = "SimulationSummary")
    public record Summary(String id, State state, Instant createdAt, Instant startedAt, Instant finishedAt,
                          String failure, Scenario scenario) {
    }

    Summary summary() {
        return new Summary(id, state, createdAt, startedAt, finishedAt, failure, scenario);
    }
}
