package io.dialer.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A local webhook receiver that records every request and answers as told: 200, a status, a redirect, late. */
final class TestReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String path, String id, String timestamp, String signature, byte[] body, Instant at, int answered) {
    }

    /**
     * How to answer one request (given how many requests with the same webhook-id came before it): after {@code delay},
     * the status and headers; with {@code trickle}, then a body of one byte every half second for ten seconds.
     */
    record Reply(int status, Map<String, String> headers, Duration delay, boolean trickle) {
        Reply(int status, Map<String, String> headers, Duration delay) {
            this(status, headers, delay, false);
        }

        static Reply ok() {
            return status(200);
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), Duration.ZERO);
        }
    }

    @FunctionalInterface
    interface Behaviour {
        Reply reply(String webhookId, int earlier);
    }

    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private volatile Behaviour behaviour = (id, earlier) -> Reply.ok();
    private HttpServer server;
    private int port;

    TestReceiver() {
        start(0);
    }

    private void start(int bindPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), bindPort), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
        port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    void behave(Behaviour b) {
        behaviour = b;
    }

    /** Stops listening (connections are refused) until {@link #up()}. */
    void down() {
        server.stop(0);
    }

    void up() {
        start(port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
            answer(exchange);
        } finally {
            concurrent.decrementAndGet();
        }
    }

    /** The most requests this receiver was handling at once. */
    int maxConcurrent() {
        return maxConcurrent.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        int earlier;
        synchronized (received) {
            earlier = (int) received.stream().filter(r -> r.id() != null && r.id().equals(id)).count();
        }
        Reply reply = behaviour.reply(id, earlier);
        synchronized (received) {
            received.add(new Received(exchange.getRequestURI().getPath(), id,
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, Instant.now(), reply.status()));
        }
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (!reply.trickle()) {
            exchange.sendResponseHeaders(reply.status(), -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(reply.status(), 0);
        try (var out = exchange.getResponseBody()) {
            for (int i = 0; i < 20; i++) {
                out.write('.');
                out.flush();
                Thread.sleep(500);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up
        }
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> of(String webhookId) {
        return all().stream().filter(r -> webhookId.equals(r.id())).toList();
    }

    /** The requests answered 2xx, by webhook-id. */
    Map<String, List<Received>> delivered() {
        Map<String, List<Received>> out = new LinkedHashMap<>();
        all().stream().filter(r -> r.answered() / 100 == 2)
                .forEach(r -> out.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
        return out;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
