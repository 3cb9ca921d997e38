package io.dialer.simulation;

import io.dialer.engine.sim.Scenario;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The body of {@code POST /v1/simulations}: a {@link Scenario} whose field names are the contract. Enumerations are
 * read as strings so that an unknown regulation or algorithm is reported with every other bad field in one 422.
 * Every field is optional; missing fields take the defaults documented on {@link Scenario}.
 */
@Schema(name = "SimulationRequest", description = "A what-if pacing scenario. Every field is optional and takes its "
        + "documented default. Times are seconds; distributions are lognormal.")
public record SimulationRequest(
        @Schema(description = "Logged-in agents, 1..2000 (default 50)") Integer agents,
        @Schema(description = "Shift length, 60..86400 s (default 28800)") Double shiftSeconds,
        @Schema(description = "Warm-up excluded from the metrics, 0..shiftSeconds/2 (default 900, capped at half the shift)")
        Double warmupSeconds,
        @Schema(description = "Number of seeds (independent replications), 1..100 (default 30)") Integer seeds,
        @Schema(description = "First seed; seeds seed, seed+1, ... are used (default 1)") Long seed,
        Scenario.Mix mix,
        Scenario.LogNormal timeToAnswerSeconds,
        Scenario.LogNormal machineAnswerSeconds,
        Scenario.TalkTime talkSeconds,
        Scenario.MeanCv wrapSeconds,
        Scenario.LogNormal patienceSeconds,
        Double ringTimeoutSeconds,
        Double maxLinesPerAgent,
        @Schema(enumeration = {"US", "UK"}, description = "Abandonment definition (default US)") String regulation,
        @Schema(description = "Abandonment cap, 0..0.5 (default 0.03)") Double maxAbandonRate,
        Double connectTimeoutSeconds,
        Scenario.Amd amd,
        List<Double> liveRateByHour,
        Scenario.StepChange stepChange,
        Scenario.AgentPauses agentPauses,
        @Schema(description = "Algorithms to compare (default all): PROGRESSIVE, FIXED_RATIO, VICIDIAL_ADAPTIVE, ERLANG, "
                + "PREDICTIVE, SEMI_ORACLE, ORACLE") List<String> algorithms,
        List<Scenario.CallingWindow> callingWindows) {
}
