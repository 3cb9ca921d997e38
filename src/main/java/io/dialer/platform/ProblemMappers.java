package io.dialer.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.CharConversionException;
import java.util.List;
import java.util.stream.Collectors;

/** Maps every failure to problem+json: client mistakes to 4xx with a clear detail, nothing a client sends to 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        return respond(problem, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return respond(ApiProblem.badRequest("Unknown field '" + field + "'",
                List.of(new FieldError(field, "unknown_field", "is not a field of this resource"))), uri);
    }

    @ServerExceptionMapper
    public Response badValue(InvalidFormatException e, UriInfo uri) {
        String field = path(e);
        return respond(ApiProblem.invalidField(field, "invalid_format",
                "cannot read '" + e.getValue() + "' as " + e.getTargetType().getSimpleName()), uri);
    }

    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        if (field.isEmpty()) {
            return respond(ApiProblem.badRequest("The request body is missing or has the wrong shape"), uri);
        }
        return respond(ApiProblem.invalidField(field, "invalid_type", "has the wrong JSON type"), uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        String field = path(e);
        String reason = e.getCause() instanceof ApiProblem p ? p.getMessage() : e.getOriginalMessage();
        if (e.getCause() instanceof ApiProblem p) {
            return respond(p, uri);
        }
        return respond(ApiProblem.badRequest("Cannot read the request body" + (field.isEmpty() ? "" : " at '" + field + "'")
                + ": " + firstLine(reason)), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(ApiProblem.badRequest("Malformed JSON: " + firstLine(e.getOriginalMessage())), uri);
    }

    @ServerExceptionMapper
    public Response badEncoding(CharConversionException e, UriInfo uri) {
        return respond(ApiProblem.badRequest("The request body is not valid UTF-8"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            Response specific = fromCause(e.getCause(), uri);
            if (specific != null) {
                return specific;
            }
        }
        if (status >= 500) {
            LOG.error("Server error", e);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 406 -> "Cannot produce any of the accepted media types";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported content type";
            default -> e.getMessage();
        };
        ApiProblem problem = new ApiProblem(status, slug(title), title, detail, null);
        return respond(problem, uri);
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        return respond(ApiProblem.badRequest(firstLine(e.getMessage())), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root.getCause() instanceof ApiProblem p) {
                return respond(p, uri);
            }
            root = root.getCause();
        }
        LOG.error("Unexpected error", e);
        return respond(new ApiProblem(500, "internal", "Internal error",
                "The server failed; the error has been logged", null), uri);
    }

    /** The body reader wraps parse failures in a plain 400; unwrap them so the client learns what was wrong. */
    private Response fromCause(Throwable cause, UriInfo uri) {
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException u) {
                return unknownField(u, uri);
            }
            if (t instanceof InvalidFormatException f) {
                return badValue(f, uri);
            }
            if (t instanceof MismatchedInputException m) {
                return mismatch(m, uri);
            }
            if (t instanceof JsonMappingException m) {
                return mapping(m, uri);
            }
            if (t instanceof CharConversionException c) {
                return badEncoding(c, uri);
            }
            if (t instanceof JsonProcessingException p) {
                if (p.getOriginalMessage() != null && p.getOriginalMessage().contains("UTF-8")) {
                    return respond(ApiProblem.badRequest("The request body is not valid UTF-8"), uri);
                }
                return malformedJson(p, uri);
            }
            if (t instanceof ApiProblem p) {
                return respond(p, uri);
            }
        }
        return null;
    }

    static Response respond(ApiProblem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(ProblemBody.MEDIA_TYPE)
                .entity(problem.body(uri == null ? null : uri.getPath()))
                .build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String slug(String title) {
        return title == null ? "error" : title.toLowerCase().replace(' ', '-');
    }
}
