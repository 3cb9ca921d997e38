package io.dialer.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The RFC 9457 problem document, with the field-level {@code errors} extension. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemBody(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
