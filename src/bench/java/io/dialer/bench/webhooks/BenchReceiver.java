package io.dialer.bench.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook receiver as a CRM would run it: verifies each signature, de-duplicates on webhook-id, answers 204. Keeps,
 * per event, when it was first received and its delay from the event's timestamp.
 */
final class BenchReceiver implements AutoCloseable {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]+)\"");

    final ConcurrentHashMap<String, Long> delayMicros = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private volatile byte[] key;

    BenchReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crm/webhooks";
    }

    void secret(String whsec) {
        key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant now = Instant.now();
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        if (!verifies(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"), body,
                exchange.getRequestHeaders().getFirst("webhook-signature"))) {
            badSignatures.incrementAndGet();
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        Matcher m = TIMESTAMP.matcher(new String(body, StandardCharsets.UTF_8));
        long delay = m.find() ? java.time.Duration.between(Instant.parse(m.group(1)), now).toNanos() / 1000 : -1;
        if (delayMicros.putIfAbsent(id, delay) != null) {
            duplicates.incrementAndGet();
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private boolean verifies(String id, String timestamp, byte[] body, String header) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            for (String signature : header.split(" ")) {
                if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
