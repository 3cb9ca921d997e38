package io.dialer.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A minimal Server-Sent Events client on java.net.http for the tests: parses id/event/data blocks into a queue. */
final class SseClient implements AutoCloseable {

    record Event(String id, String type, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final int status;
    final String contentType;
    final String body;
    private final InputStream stream;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Every line received, as sent. */
    final java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) throws IOException {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("content-type").orElse("");
        this.stream = response.body();
        if (status != 200) {
            this.body = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            this.reader = null;
            return;
        }
        this.body = null;
        this.reader = new Thread(this::read, "sse-test-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static SseClient open(URI base, String path, String lastEventId, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, type == null ? "message" : type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (!line.startsWith(":")) { // ':' starts a comment (keep-alive)
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> type = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields
                        }
                    }
                }
            }
            events.add(new Event(null, "<end>", null));
        } catch (IOException e) {
            events.add(new Event(null, "<end>", null));
        }
    }

    /** The next event, failing after 10 s. */
    Event next() throws InterruptedException {
        Event e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 10 s");
        return e;
    }

    Event next(String expectedType) throws InterruptedException {
        Event e = next();
        assertEquals(expectedType, e.type(), "event " + e);
        return e;
    }

    /** Null when nothing arrives within the wait. */
    Event poll(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        stream.close();
        if (reader != null) {
            reader.interrupt();
        }
    }
}
