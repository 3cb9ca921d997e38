package io.dialer.platform;

/** One bad field in a request: a JSON-pointer-like path, a machine code and a sentence for people. */
public record FieldError(String field, String code, String message) {
}
