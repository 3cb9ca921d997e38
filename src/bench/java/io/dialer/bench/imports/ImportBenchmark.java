package io.dialer.bench.imports;

import org.postgresql.PGConnection;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a generated contact CSV through the running service and, beside it, COPYs the same file into an
 * unindexed table of the same database. Prints both rates.
 * Arguments: serviceUrl jdbcUrl csvFile
 */
public final class ImportBenchmark {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"[^\"]*\"|[0-9.]+|null|true|false)");

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String jdbc = args[1];
        Path csv = Path.of(args[2]);
        long rows;
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            rows = r.lines().count() - 1;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (args.length > 3) {
            double warm = importOnce(http, service, Path.of(args[3]));
            System.out.printf("warm-up import of %s took %.1f s (JIT and caches of a freshly started service)%n", args[3], warm);
        }
        String campaign = field(http.send(HttpRequest.newBuilder(URI.create(service + "/v1/campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"import benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "id");

        long start = System.nanoTime();
        String job = field(http.send(HttpRequest.newBuilder(URI.create(service + "/v1/campaigns/" + campaign + "/imports"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv)).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "id");
        String body;
        while (true) {
            body = http.send(HttpRequest.newBuilder(URI.create(service + "/v1/imports/" + job)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String state = field(body, "state");
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                break;
            }
            Thread.sleep(50);
        }
        double importSeconds = (System.nanoTime() - start) / 1e9;

        long queryable;
        double copySeconds;
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM contact WHERE campaign_id = '" + campaign + "'")) {
                rs.next();
                queryable = rs.getLong(1);
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bench_raw_copy");
                st.execute("CREATE TABLE bench_raw_copy (external_id text, first_name text, last_name text, timezone text, "
                        + "mobile text, home text, work text, segment text, balance text)");
            }
            long copyStart = System.nanoTime();
            try (InputStream in = Files.newInputStream(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            }
            copySeconds = (System.nanoTime() - copyStart) / 1e9;
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE bench_raw_copy");
            }
        }
        System.out.println();
        System.out.println("| measure | rows | seconds | rows/s |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| Dialer import (202 to COMPLETED, %s, %s created, %s rejected) | %d | %.1f | %.0f |%n",
                field(body, "state"), field(body, "rowsCreated"), field(body, "rowsRejected"), rows, importSeconds, rows / importSeconds);
        System.out.printf("| raw COPY into an unindexed table | %d | %.1f | %.0f |%n", rows, copySeconds, rows / copySeconds);
        System.out.printf("%nratio import/COPY = %.2f; contacts queryable after the import: %d%n",
                (rows / importSeconds) / (rows / copySeconds), queryable);
    }

    private static double importOnce(HttpClient http, String service, Path csv) throws Exception {
        String campaign = field(http.send(HttpRequest.newBuilder(URI.create(service + "/v1/campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"warm-up\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "id");
        long start = System.nanoTime();
        String job = field(http.send(HttpRequest.newBuilder(URI.create(service + "/v1/campaigns/" + campaign + "/imports"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv)).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "id");
        while (true) {
            String state = field(http.send(HttpRequest.newBuilder(URI.create(service + "/v1/imports/" + job)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body(), "state");
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(50);
        }
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2).replace("\"", "");
            }
        }
        throw new IllegalStateException("No '" + name + "' in " + json);
    }
}
