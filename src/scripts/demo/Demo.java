import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's client (run as a single-file program by demo.sh): creates a predictive campaign on the simulated carrier,
 * imports the sample CSV, adds simulated agents, starts it and prints its live statistics until it completes.
 *
 * <p>Arguments: base URL, CSV path, number of simulated agents, time scale.
 */
public class Demo {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path csv = Path.of(args[1]);
        int agents = Integer.parseInt(args[2]);
        String timeScale = args[3];
        String campaign = send("POST", base + "/v1/campaigns", "application/json", """
                {"name": "Demo: plan renewals", "mode": "PREDICTIVE",
                 "schedule": {"timezone": "UTC", "windows": [{"days": ["MON","TUE","WED","THU","FRI"], "from": "09:00", "to": "20:00"}]},
                 "dialing": {"maxLinesPerAgent": 3, "ringTimeoutSeconds": 25},
                 "retries": {"maxAttemptsPerContact": 3, "minGapSeconds": 1800, "rules": {"NO_ANSWER": {"delaySeconds": 3600}}},
                 "compliance": {"maxAbandonRate": 0.03, "abandonWindow": "P30D", "safeHarbourMessage": "Sorry we missed you."},
                 "outcomes": [{"code": "RENEWED", "label": "Renewed", "final": true, "category": "SUCCESS"},
                              {"code": "NOT_INTERESTED", "label": "Not interested", "final": true, "category": "FAILURE"}],
                 "simulation": {"timeScale": %s, "startAt": "2026-06-01T12:00:00Z", "seed": 42,
                                "talkSeconds": {"mean": 120, "cv": 0.8}, "wrapSeconds": {"mean": 20, "cv": 0.5}}}
                """.formatted(timeScale));
        String id = field(campaign, "id");
        System.out.println("campaign " + id + " (simulated time starts Monday 2026-06-01 12:00 UTC, x" + timeScale + ")");
        String job = send("POST", base + "/v1/campaigns/" + id + "/imports", "text/csv", java.nio.file.Files.readString(csv));
        String jobId = field(job, "id");
        String state = "QUEUED";
        while (!state.equals("COMPLETED") && !state.equals("FAILED")) {
            Thread.sleep(200);
            state = field(send("GET", base + "/v1/imports/" + jobId, null, null), "state");
        }
        String imported = send("GET", base + "/v1/imports/" + jobId, null, null);
        System.out.println("import " + state + ": " + number(imported, "rowsCreated") + " contacts, "
                + number(imported, "rowsRejected") + " rejected");
        for (int i = 1; i <= agents; i++) {
            send("POST", base + "/v1/agents", "application/json",
                    "{\"name\": \"Simulated agent " + i + "\", \"campaignIds\": [\"" + id + "\"], \"simulated\": true}");
        }
        System.out.println(agents + " simulated agents ready; starting");
        send("POST", base + "/v1/campaigns/" + id + "/start", "application/json", "");
        System.out.printf("%-20s %-9s %8s %8s %8s %9s %9s %7s %7s %6s%n", "campaign time", "state", "pending", "done",
                "attempts", "connected", "abandoned", "abandon", "lines/ag", "util");
        String stats;
        do {
            Thread.sleep(2000);
            stats = send("GET", base + "/v1/campaigns/" + id + "/stats", null, null);
            System.out.printf("%-20s %-9s %8s %8s %8s %9s %9s %6.2f%% %7s %5.0f%%%n",
                    field(stats, "campaignNow").substring(0, 19), field(stats, "state"), number(stats, "PENDING"),
                    sum(stats, "COMPLETED", "EXHAUSTED", "EXPIRED"), number(stats, "attempts"), number(stats, "CONNECTED"),
                    number(stats, "ABANDONED"), 100 * Double.parseDouble(number(stats, "abandonRate")),
                    number(stats, "linesPerAgent"), 100 * Double.parseDouble(number(stats, "utilization")));
        } while (!field(stats, "state").equals("COMPLETED"));
        System.out.println();
        System.out.println("completed. Final statistics:");
        System.out.println(stats);
    }

    private static String send(String method, String url, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*([-0-9.eE]+)").matcher(json);
        return m.find() ? m.group(1) : "0";
    }

    private static long sum(String json, String... names) {
        long total = 0;
        for (String n : names) {
            total += Long.parseLong(number(json, n));
        }
        return total;
    }
}
