package io.dialer.campaign;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

    public static final double MAX_TIME_SCALE = 100_000;

    /** Strict: unknown fields and wrong types are errors, so that a typo does not silently fall back to a default. */
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public static SimulationProfile of(ObjectNode simulation) {
        if (simulation == null || simulation.isEmpty()) {
            return REAL_TIME;
        }
        ObjectNode copy = simulation.deepCopy();
        double scale = 1.0;
        if (copy.has("timeScale")) {
            if (!copy.get("timeScale").isNumber() || !(copy.get("timeScale").asDouble() > 0)
                    || copy.get("timeScale").asDouble() > MAX_TIME_SCALE) {
                throw new IllegalArgumentException("timeScale must be a number above 0 and at most " + (long) MAX_TIME_SCALE);
            }
            scale = copy.get("timeScale").asDouble();
        }
        copy.remove("timeScale");
        java.time.Instant startAt = null;
        if (copy.has("startAt")) {
            try {
                startAt = java.time.Instant.parse(copy.get("startAt").asText());
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("startAt must be an RFC 3339 UTC time such as 2026-06-01T12:00:00Z");
            }
        }
        copy.remove("startAt");
        try {
            Scenario scenario = READER.treeToValue(copy, Scenario.class);
            return new SimulationProfile(scale, startAt, scenario.withDefaults());
        } catch (Exception e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(message, e);
        }
    }
}
