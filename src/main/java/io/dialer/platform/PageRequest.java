package io.dialer.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code limit} and {@code cursor} query parameters, validated. The cursor is an opaque, url-safe
 * encoding of the last key of the previous page.
 */
public record PageRequest(int limit, String afterKey) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public static PageRequest of(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiProblem.invalidField("limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(l, cursor == null || cursor.isBlank() ? null : decode(cursor));
    }

    /** The cursor of lists keyed by id. */
    public java.util.UUID afterId() {
        if (afterKey == null) {
            return null;
        }
        try {
            return java.util.UUID.fromString(afterKey);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("cursor", "invalid_cursor", "is not a cursor returned by this API");
        }
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("cursor", "invalid_cursor", "is not a cursor returned by this API");
        }
    }

    /** Builds the page from limit+1 fetched rows: the extra row only tells that another page exists. */
    public <T> Page<T> page(java.util.List<T> fetched, java.util.function.Function<T, String> keyOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        java.util.List<T> items = fetched.subList(0, limit);
        return new Page<>(java.util.List.copyOf(items), encode(keyOf.apply(items.get(limit - 1))));
    }
}
