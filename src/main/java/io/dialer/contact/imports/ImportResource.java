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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
@Path("/v1/campaigns/{campaignId}/imports")
public class ImportResource {

    public static final String NDJSON = "application/x-ndjson";

    private final ImportService imports;
    private final TenantContext tenant;
    private final ObjectMapper mapper;
    private final Idempotency idempotency;

    public ImportResource(ImportService imports, TenantContext tenant, ObjectMapper mapper, Idempotency idempotency) {
        this.imports = imports;
        this.tenant = tenant;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @APIResponse(responseCode = "202", description = "The accepted import job; follow it at Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJob.class)))
    @Operation(operationId = "createImportMultipart", summary = "Import a CSV or NDJSON file (multipart: file + options JSON)")
    public Response importMultipart(@PathParam("campaignId") String campaignId,
                                    @jakarta.ws.rs.HeaderParam(Idempotency.HEADER) String idempotencyKey,
                                    @RestForm("file") FileUpload file,
                                    @RestForm("options") @PartType(MediaType.TEXT_PLAIN) String options) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiProblem.invalidField("file", "required", "send the CSV or NDJSON file in a part named 'file'");
        }
        ImportOptions opts = parseOptions(options);
        String ct = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        String format = ct.contains("ndjson") || ct.contains("jsonl") || name.endsWith(".ndjson") || name.endsWith(".jsonl")
                ? ImportFormat.NDJSON : ImportFormat.CSV;
        String t = tenant.current();
        java.nio.file.Path spooled = imports.spoolCopy(file.uploadedFile());
        String fingerprint = idempotencyKey == null ? null
                : Idempotency.sha256("POST imports " + campaignId + "\n" + options + "\n" + ImportService.hash(spooled));
        return runOnce(t, idempotencyKey, fingerprint, spooled, () -> accepted(imports.submitFile(t, campaignId, format, opts, spooled)));
    }

    @POST
    @Consumes({"text/csv", NDJSON})
    @APIResponse(responseCode = "202", description = "The accepted import job; follow it at Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportJob.class)))
    @Operation(operationId = "createImport", summary = "Import a bare CSV or NDJSON body, columns matched by header name")
    public Response importBody(@PathParam("campaignId") String campaignId,
                               @QueryParam("dryRun") Boolean dryRun,
                               @QueryParam("onDuplicate") String onDuplicate,
                               @QueryParam("defaultRegion") String defaultRegion,
                               @jakarta.ws.rs.HeaderParam("Content-Type") String contentType,
                               @jakarta.ws.rs.HeaderParam(Idempotency.HEADER) String idempotencyKey,
                               InputStream body) {
        String format = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(NDJSON)
                ? ImportFormat.NDJSON : ImportFormat.CSV;
        ImportOptions opts = new ImportOptions(null, dryRun, onDuplicate, defaultRegion);
        String t = tenant.current();
        java.nio.file.Path spooled = imports.spool(body);
        String fingerprint = idempotencyKey == null ? null : Idempotency.sha256("POST imports " + campaignId + "\n" + format
                + dryRun + onDuplicate + defaultRegion + "\n" + ImportService.hash(spooled));
        return runOnce(t, idempotencyKey, fingerprint, spooled, () -> accepted(imports.submitFile(t, campaignId, format, opts, spooled)));
    }

    public record ImportList(List<ImportJob> items, String nextCursor) {
    }

    @jakarta.ws.rs.GET
    @Operation(operationId = "listImports", summary = "The campaign's import jobs, oldest first")
    public ImportList list(@PathParam("campaignId") String campaignId, @QueryParam("limit") Integer limit,
                           @QueryParam("cursor") String cursor) {
        io.dialer.platform.Page<ImportJob> page = imports.listForCampaign(tenant.current(), campaignId,
                io.dialer.platform.PageRequest.of(limit, cursor));
        return new ImportList(page.items(), page.nextCursor());
    }

    /** Runs the import once per Idempotency-Key; a replayed or refused request must not leave its spooled copy behind. */
    private Response runOnce(String tenant, String key, String fingerprint, java.nio.file.Path spooled,
                             java.util.function.Supplier<Response> action) {
        try {
            Response response = idempotency.run(tenant, key, fingerprint, action);
            if (response.getHeaderString("Idempotent-Replayed") != null) {
                ImportService.deleteQuietly(spooled);
            }
            return response;
        } catch (RuntimeException e) {
            ImportService.deleteQuietly(spooled);
            throw e;
        }
    }

    private ImportOptions parseOptions(String json) {
        if (json == null || json.isBlank()) {
            return new ImportOptions(null, null, null, null);
        }
        try {
            return mapper.readValue(json, ImportOptions.class);
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.badRequest("Unknown field in options", List.of(new FieldError(
                    "options." + e.getPropertyName(), "unknown_field", "is not an import option")));
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("The 'options' part is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Response accepted(ImportJob job) {
        return Response.accepted(job).location(URI.create("/v1/imports/" + job.id())).build();
    }
}
