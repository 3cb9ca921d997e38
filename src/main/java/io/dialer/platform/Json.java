package io.dialer.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small helpers around the application's ObjectMapper for jsonb columns. */
public final class Json {

    private Json() {
    }

    public static String write(ObjectMapper mapper, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON does not match " + type.getSimpleName(), e);
        }
    }

    public static <T> T read(ObjectMapper mapper, String json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON does not match " + type.getType(), e);
        }
    }
}
