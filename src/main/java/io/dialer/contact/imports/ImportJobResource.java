package io.dialer.contact.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Idempotency;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;

@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Bulk contact files (CSV, NDJSON) imported as jobs")
@Path("/v1/imports")
public class ImportJobResource {

    public record ImportErrorList(List<ImportRowError> items, String nextCursor) {
    }

    private final ImportService imports;
    private final TenantContext tenant;

    public ImportJobResource(ImportService imports, TenantContext tenant) {
        this.imports = imports;
        this.tenant = tenant;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport", summary = "State and progress of an import")
    public ImportJob get(@PathParam("id") String id) {
        return imports.get(tenant.current(), id);
    }

    @GET
    @Path("/{id}/errors")
    @Operation(operationId = "listImportErrors", summary = "Every rejected row (and warning) with its row number, field and reason")
    public ImportErrorList errors(@PathParam("id") String id, @QueryParam("limit") Integer limit,
                                  @QueryParam("cursor") String cursor) {
        Page<ImportRowError> page = imports.errors(tenant.current(), id, PageRequest.of(limit, cursor));
        return new ImportErrorList(page.items(), page.nextCursor());
    }

}
