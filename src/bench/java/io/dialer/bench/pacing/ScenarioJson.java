package io.dialer.bench.pacing;

import io.dialer.engine.pacing.PacingAlgorithm;
import io.dialer.engine.sim.Regulation;
import io.dialer.engine.sim.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps parsed scenario JSON onto {@link Scenario} (the REST layer does the same with Jackson). */
final class ScenarioJson {

    private ScenarioJson() {
    }

    static Scenario read(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("a scenario is a JSON object");
        }
        return new Scenario(
                integer(root.get("agents")),
                number(root.get("shiftSeconds")),
                number(root.get("warmupSeconds")),
                integer(root.get("seeds")),
                root.get("seed") == null ? null : number(root.get("seed")).longValue(),
                object(root.get("mix"), m -> new Scenario.Mix(number(m.get("live")), number(m.get("machine")),
                        number(m.get("noAnswer")), number(m.get("busy")), number(m.get("invalid")))),
                object(root.get("timeToAnswerSeconds"), ScenarioJson::logNormal),
                object(root.get("machineAnswerSeconds"), ScenarioJson::logNormal),
                object(root.get("talkSeconds"), m -> new Scenario.TalkTime(number(m.get("mean")), number(m.get("cv")),
                        number(m.get("shortShare")), number(m.get("shortMedian")))),
                object(root.get("wrapSeconds"), m -> new Scenario.MeanCv(number(m.get("mean")), number(m.get("cv")))),
                object(root.get("patienceSeconds"), ScenarioJson::logNormal),
                number(root.get("ringTimeoutSeconds")),
                number(root.get("maxLinesPerAgent")),
                root.get("regulation") == null ? null : Regulation.valueOf((String) root.get("regulation")),
                number(root.get("maxAbandonRate")),
                number(root.get("connectTimeoutSeconds")),
                object(root.get("amd"), m -> new Scenario.Amd((Boolean) m.get("enabled"), number(m.get("falsePositive")),
                        number(m.get("falseNegative")), numbers(m.get("decisionSeconds")))),
                numbers(root.get("liveRateByHour")),
                object(root.get("stepChange"), m -> new Scenario.StepChange(number(m.get("atSeconds")),
                        number(m.get("liveFactor")))),
                object(root.get("agentPauses"), m -> new Scenario.AgentPauses(number(m.get("fraction")),
                        number(m.get("minSeconds")), number(m.get("maxSeconds")))),
                root.get("algorithms") == null ? null
                        : ((List<?>) root.get("algorithms")).stream().map(a -> PacingAlgorithm.valueOf((String) a)).toList(),
                root.get("callingWindows") == null ? null
                        : ((List<?>) root.get("callingWindows")).stream()
                                .map(w -> object(w, m -> new Scenario.CallingWindow(number(m.get("fromSeconds")),
                                        number(m.get("toSeconds")))))
                                .toList());
    }

    private static Scenario.LogNormal logNormal(Map<?, ?> m) {
        return new Scenario.LogNormal(number(m.get("median")), number(m.get("sigma")));
    }

    private static <T> T object(Object value, java.util.function.Function<Map<?, ?>, T> mapper) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected an object, got " + value);
        }
        return mapper.apply(map);
    }

    private static Double number(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Double d)) {
            throw new IllegalArgumentException("expected a number, got " + value);
        }
        return d;
    }

    private static Integer integer(Object value) {
        Double d = number(value);
        return d == null ? null : d.intValue();
    }

    private static List<Double> numbers(Object value) {
        if (value == null) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (Object item : (List<?>) value) {
            out.add(number(item));
        }
        return out;
    }
}
