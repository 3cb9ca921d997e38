package io.dialer.bench.dialing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live loop at full speed: an AGENTLESS campaign of N contacts on the simulated carrier (time scale 100, so calls
 * take a fraction of a real second) runs to completion against the embedded PostgreSQL; every attempt goes through
 * lease checks, claiming, the dial-time re-check, the attempt insert, the result and the contact's next plan. Prints
 * attempts per second and the database time per attempt measured inside the loop.
 *
 * <p>Arguments: base URL, JDBC URL of the service's database, contact count.
 */
public final class DialingBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        int contacts = Integer.parseInt(args[2]);
        run(base, jdbc, Math.min(20_000, contacts), "warm-up");
        Result r = run(base, jdbc, contacts, "measured");
        System.out.println();
        System.out.println("| contacts | attempts | seconds | attempts/s | loop DB ms/attempt |");
        System.out.println("|---:|---:|---:|---:|---:|");
        System.out.printf("| %,d | %,d | %.1f | %,.0f | %.3f |%n", contacts, r.attempts, r.seconds, r.attempts / r.seconds,
                r.dbMillis / Math.max(1.0, r.attempts));
    }

    record Result(long attempts, double seconds, double dbMillis) {
    }

    private static Result run(String base, String jdbc, int contacts, String label) throws Exception {
        String campaign = """
                {"name": "bench-%s", "mode": "AGENTLESS",
                 "schedule": {"timezone": "UTC", "windows": [{"days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "from": "08:00", "to": "21:00"}]},
                 "dialing": {"maxConcurrentCalls": 2000},
                 "retries": {"maxAttemptsPerContact": 1},
                 "simulation": {"timeScale": 100, "startAt": "2026-06-01T08:00:00Z", "seed": 3}}""".formatted(label);
        String id = field(ID, post(base + "/v1/campaigns", campaign));
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        for (int i = 0; i < contacts; i++) {
            batch.append(inBatch == 0 ? "" : ",").append("{\"externalId\":\"b").append(i)
                    .append("\",\"timezone\":\"UTC\",\"phones\":[{\"number\":\"")
                    .append(String.format("+1312%03d%04d", 200 + i / 10_000, i % 10_000)).append("\"}]}");
            if (++inBatch == 1000 || i == contacts - 1) {
                post(base + "/v1/campaigns/" + id + "/contacts", "{\"contacts\":[" + batch + "]}");
                batch.setLength(0);
                inBatch = 0;
            }
        }
        long start = System.nanoTime();
        post(base + "/v1/campaigns/" + id + "/start", "");
        String state = "RUNNING";
        while (!state.equals("COMPLETED")) {
            Thread.sleep(200);
            state = field(STATE, get(base + "/v1/campaigns/" + id));
            if (System.nanoTime() - start > 900e9) {
                throw new IllegalStateException("campaign did not complete in 15 minutes");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM attempt WHERE campaign_id = ?::uuid), "
                     + "(SELECT max(ended_at) FROM attempt WHERE campaign_id = ?::uuid)")) {
            ps.setString(1, id);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long attempts = rs.getLong(1);
                double db = dbMillis(base, id);
                System.out.printf("%s: %,d contacts, %,d attempts in %.1f s%n", label, contacts, attempts, seconds);
                return new Result(attempts, seconds, db);
            }
        }
    }

    /** The loop publishes its database time while it runs; the last value is kept in the service log line. */
    private static double dbMillis(String base, String id) {
        String log = System.getProperty("bench.service.log");
        if (log == null) {
            return Double.NaN;
        }
        Pattern p = Pattern.compile("campaign " + id + " .*dbMillis=(\\d+)");
        try {
            for (int tries = 0; tries < 50; tries++) {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(log))) {
                    Matcher m = p.matcher(line);
                    if (m.find()) {
                        return Double.parseDouble(m.group(1));
                    }
                }
                Thread.sleep(100);
            }
        } catch (java.io.IOException | InterruptedException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static String post(String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String field(Pattern p, String json) {
        Matcher m = p.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + json);
        }
        return m.group(1);
    }
}
