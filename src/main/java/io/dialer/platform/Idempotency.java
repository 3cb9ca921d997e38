package io.dialer.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creating POSTs (draft-ietf-httpapi-idempotency-key-header): the first request
 * with a key runs and its response is kept for 24 hours; a retry with the same key and the same body gets the
 * kept response; the same key with another body is a 422; a retry while the first is still running is a 409.
 * Keys are scoped by tenant. Requests that fail with a client error are not kept, so they can be corrected
 * and retried with the same key.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final Duration RETENTION = Duration.ofHours(24);

    private record Stored(String fingerprint, String state, Integer status, String contentType, String location, byte[] body) {
    }

    private final Db db;
    private final ObjectMapper mapper;
    private final Clock clock;

    Idempotency(Db db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Fingerprint of a request: its route and its body as JSON. */
    public String fingerprint(String route, Object body) {
        try {
            return sha256(route + "\n" + mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            return sha256(route + "\n" + body);
        }
    }

    public Response run(String tenant, String key, String fingerprint, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ApiProblem.invalidField(HEADER, "invalid_value", "must be 1 to 255 characters (a UUID is recommended)");
        }
        int claimed = db.update("INSERT INTO idempotency_key (tenant, key, fingerprint, state, created_at) "
                + "VALUES (?, ?, ?, 'IN_PROGRESS', ?) ON CONFLICT (tenant, key) DO NOTHING", tenant, key, fingerprint, clock.instant());
        if (claimed == 0) {
            return replay(tenant, key, fingerprint);
        }
        Response response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            db.update("DELETE FROM idempotency_key WHERE tenant = ? AND key = ?", tenant, key);
            throw e;
        }
        byte[] body = serialise(response.getEntity());
        URI location = response.getLocation();
        db.update("UPDATE idempotency_key SET state = 'DONE', status = ?, content_type = ?, location = ?, body = ? "
                        + "WHERE tenant = ? AND key = ?", response.getStatus(),
                response.getMediaType() == null ? "application/json" : response.getMediaType().toString(),
                location == null ? null : location.toString(), body, tenant, key);
        return response;
    }

    private Response replay(String tenant, String key, String fingerprint) {
        Optional<Stored> stored = db.one("SELECT fingerprint, state, status, content_type, location, body FROM idempotency_key "
                        + "WHERE tenant = ? AND key = ?",
                rs -> new Stored(rs.getString(1), rs.getString(2), Db.integer(rs, "status"), rs.getString(4), rs.getString(5),
                        rs.getBytes(6)), tenant, key);
        if (stored.isEmpty()) {
            throw ApiProblem.conflict("idempotency-in-progress", "A request with this Idempotency-Key just failed; retry it");
        }
        Stored s = stored.get();
        if (!s.fingerprint().equals(fingerprint)) {
            throw new ApiProblem(422, "idempotency-mismatch", "Idempotency key reused",
                    "This Idempotency-Key was already used with a different request", null);
        }
        if (!"DONE".equals(s.state())) {
            throw ApiProblem.conflict("idempotency-in-progress", "The first request with this Idempotency-Key is still running");
        }
        Response.ResponseBuilder builder = Response.status(s.status()).header("Idempotent-Replayed", "true");
        if (s.body() != null) {
            builder.entity(s.body()).type(s.contentType());
        }
        if (s.location() != null) {
            builder.location(URI.create(s.location()));
        }
        return builder.build();
    }

    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES)
    void expire() {
        db.update("DELETE FROM idempotency_key WHERE created_at < ?", clock.instant().minus(RETENTION));
    }

    private byte[] serialise(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof byte[] b) {
            return b;
        }
        try {
            return mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
