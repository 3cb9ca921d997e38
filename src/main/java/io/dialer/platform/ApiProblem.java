package io.dialer.platform;

import java.util.List;

/**
 * An error answered as RFC 9457 problem+json. Thrown anywhere below a resource; {@link ProblemMappers}
 * turns it into the response.
 */
public class ApiProblem extends RuntimeException {

    private static final String TYPE_BASE = "https://dialer.io/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(int status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = TYPE_BASE + slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(404, "not-found", "Not found", what + " '" + id + "' does not exist", null);
    }

    public static ApiProblem validation(List<FieldError> errors) {
        String detail = errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
        return new ApiProblem(422, "validation", "Invalid request", detail, errors);
    }

    public static ApiProblem invalidField(String field, String code, String message) {
        return validation(List.of(new FieldError(field, code, message)));
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "bad-request", "Bad request", detail, null);
    }

    public static ApiProblem badRequest(String detail, List<FieldError> errors) {
        return new ApiProblem(400, "bad-request", "Bad request", detail, errors);
    }

    public static ApiProblem conflict(String slug, String detail) {
        return new ApiProblem(409, slug, "Conflict", detail, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ProblemBody body(String instance) {
        return new ProblemBody(type, title, status, getMessage(), instance, errors.isEmpty() ? null : errors);
    }
}
