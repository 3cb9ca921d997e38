package io.dialer.dialing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.engine.sim.Scenario;

/**
 * A campaign's {@code simulation} object: how fast its clock runs and how the simulated carrier and agents behave,
 * and, optionally, at which instant its clock starts ({@code startAt}, so a demo or test runs the same whenever it is
 * run), with the field names of the pacing scenario format ({@code mix}, {@code timeToAnswerSeconds}, {@code talkSeconds},
 * {@code wrapSeconds}, {@code patienceSeconds}, {@code amd}, {@code seed}).
 */
public record SimulationProfile(double timeScale, java.time.Instant startAt, Scenario scenario) {

    public static final SimulationProfile REAL_TIME = new SimulationProfile(1.0, null, Scenario.defaults());

    public static SimulationProfile of(ObjectNode simulation, ObjectMapper mapper) {
        if (simulation == null || simulation.isEmpty()) {
            return REAL_TIME;
        }
        ObjectNode copy = simulation.deepCopy();
        double scale = copy.has("timeScale") ? copy.get("timeScale").asDouble(1.0) : 1.0;
        copy.remove("timeScale");
        java.time.Instant startAt = copy.has("startAt") ? java.time.Instant.parse(copy.get("startAt").asText()) : null;
        copy.remove("startAt");
        try {
            Scenario scenario = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .treeToValue(copy, Scenario.class);
            return new SimulationProfile(scale > 0 ? scale : 1.0, startAt, scenario.withDefaults());
        } catch (Exception e) {
            throw new IllegalArgumentException("simulation: " + e.getMessage(), e);
        }
    }
}
