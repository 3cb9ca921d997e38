package io.dialer.bench.pacing;

import io.dialer.engine.sim.AlgorithmResult;
import io.dialer.engine.sim.Scenario;
import io.dialer.engine.sim.SimulationRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario JSON file ("-" for stdin) and prints {"scenario": ..., "results": [...]} as JSON. Timing goes to
 * stderr so stdout stays clean JSON.
 */
public final class SimulateCommand {

    private SimulateCommand() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SimulateCommand <scenario.json | ->");
            System.exit(2);
        }
        String json = args[0].equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(args[0]));
        Scenario scenario = ScenarioJson.read(json).withDefaults();
        long start = System.nanoTime();
        List<AlgorithmResult> results = SimulationRunner.run(scenario);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("results", results);
        System.out.println(Json.write(out));
        System.err.printf("simulated %d algorithm(s) x %d seed(s) in %.1f s on %d core(s)%n", scenario.algorithms().size(),
                scenario.seeds(), seconds, Runtime.getRuntime().availableProcessors());
    }
}
