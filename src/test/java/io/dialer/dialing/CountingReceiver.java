package io.dialer.dialing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local webhook endpoint that counts {@code attempt.completed} deliveries by webhook-id, or answers 503 while down. */
final class CountingReceiver implements AutoCloseable {

    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final HttpServer server;
    private volatile boolean down;

    CountingReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void down(boolean down) {
        this.down = down;
    }

    int refused() {
        return refused.get();
    }

    /** Deliveries by webhook-id: a retry of a delivery whose answer was lost counts twice under one id. */
    Map<String, Integer> received() {
        return Map.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (down) {
            refused.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
        } else {
            if (new String(body, StandardCharsets.UTF_8).contains("\"attempt.completed\"")) {
                received.merge(exchange.getRequestHeaders().getFirst("webhook-id"), 1, Integer::sum);
            }
            exchange.sendResponseHeaders(204, -1);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
