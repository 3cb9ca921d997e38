package io.dialer.platform;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;
import java.util.Map;

/**
 * Documents the error contract once for the whole API: a {@code Problem} schema (RFC 9457 with the field-level
 * {@code errors} list) and, on every /v1 operation, the problem responses a client must expect.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("code", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        Schema problem = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32"))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(fieldError));
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problem);
        openAPI.security(List.of(OASFactory.createSecurityRequirement().addScheme("bearer")));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/v1")) {
                return;
            }
            for (Map.Entry<org.eclipse.microprofile.openapi.models.PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                Operation op = e.getValue();
                boolean hasParams = path.contains("{");
                boolean hasBody = op.getRequestBody() != null;
                add(op, "400", "Malformed request");
                if (hasBody) {
                    add(op, "422", "Invalid fields (see errors)");
                }
                if (hasParams) {
                    add(op, "404", "Not found (or owned by another tenant)");
                }
                add(op, "401", "Missing or invalid bearer token (when authentication is on)");
                if (e.getKey() == org.eclipse.microprofile.openapi.models.PathItem.HttpMethod.POST
                        || e.getKey() == org.eclipse.microprofile.openapi.models.PathItem.HttpMethod.PATCH) {
                    add(op, "409", "Conflict with the resource's state or an idempotency key in use");
                }
                if (e.getKey() == org.eclipse.microprofile.openapi.models.PathItem.HttpMethod.PATCH) {
                    add(op, "412", "If-Match does not match the current ETag");
                }
            }
        });
    }

    private static void add(Operation op, String status, String description) {
        if (op.getResponses() == null) {
            op.responses(OASFactory.createAPIResponses());
        }
        if (op.getResponses().hasAPIResponse(status)) {
            return;
        }
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF));
        Content content = OASFactory.createContent().addMediaType(ProblemBody.MEDIA_TYPE, media);
        APIResponse response = OASFactory.createAPIResponse().description(description).content(content);
        op.getResponses().addAPIResponse(status, response);
    }
}
