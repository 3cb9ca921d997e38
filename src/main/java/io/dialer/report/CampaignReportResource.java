package io.dialer.report;

import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jfree.chart.JFreeChart;

import java.util.ArrayList;
import java.util.List;

/** A campaign's results over time: JSON, a CSV table, or a chart (SVG or PNG), chosen by the Accept header. */
@Path("/v1/campaigns/{campaignId}/report")
@Tag(name = "Campaigns")
public class CampaignReportResource {

    // One GET with four representations: the contract shows them as one operation.
    private static final String OPERATION = "getCampaignReport";
    private static final String SUMMARY = "A campaign's results over time: JSON, a CSV table or a chart";
    private static final String DESCRIPTION = "Time series of attempts by result, live answers, abandon rate under the "
            + "campaign's definition, agent utilization, contacts reached and completed and business outcomes; per agent, "
            + "number type and trunk. Without from/to the report covers the campaign's first to last attempt. "
            + "Accept: text/csv gives the series as a table (one row per bucket); image/svg+xml or image/png a chart "
            + "(chart, width, height).";
    private static final String SVG = "image/svg+xml";
    private static final String PNG = "image/png";

    private final CampaignReportService reports;
    private final TenantContext tenant;

    public CampaignReportResource(CampaignReportService reports, TenantContext tenant) {
        this.reports = reports;
        this.tenant = tenant;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = OPERATION, summary = SUMMARY, description = DESCRIPTION)
    public CampaignReport report(@PathParam("campaignId") String campaignId,
                                 @Parameter(description = "Start (ISO-8601 instant, inclusive; aligned down to its bucket)")
                                 @QueryParam("from") String from,
                                 @Parameter(description = "End (ISO-8601 instant, exclusive)") @QueryParam("to") String to,
                                 @Parameter(schema = @Schema(enumeration = {"hour", "day"}, defaultValue = "hour"))
                                 @QueryParam("bucket") String bucket,
                                 @Parameter(description = "IANA zone the buckets are aligned to", schema = @Schema(defaultValue = "UTC"))
                                 @QueryParam("timezone") String timezone) {
        return reports.report(tenant.current(), campaignId, CampaignReportService.Query.parse(from, to, bucket, timezone));
    }

    @GET
    @Produces("text/csv")
    @Operation(operationId = OPERATION, summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "CSV with a header row",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response csv(@PathParam("campaignId") String campaignId, @QueryParam("from") String from,
                        @QueryParam("to") String to, @QueryParam("bucket") String bucket,
                        @QueryParam("timezone") String timezone) {
        CampaignReport report = report(campaignId, from, to, bucket, timezone);
        return Response.ok(ReportCsv.of(report), "text/csv").header("Content-Disposition",
                "attachment; filename=\"report-" + report.campaignId() + ".csv\"").build();
    }

    @GET
    @Produces({SVG, PNG})
    @Operation(operationId = OPERATION, summary = SUMMARY, description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The chart", content = {
            @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response chart(@PathParam("campaignId") String campaignId, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("bucket") String bucket,
                          @QueryParam("timezone") String timezone,
                          @Parameter(description = "progress (default): cumulative attempts, live answers and completed "
                                  + "contacts; results: result mix per bucket; abandon: abandon rate against the cap; "
                                  + "utilization: agent utilization",
                                  schema = @Schema(enumeration = {"progress", "results", "abandon", "utilization"}))
                          @QueryParam("chart") String chart,
                          @Parameter(schema = @Schema(minimum = "200", maximum = "4000", defaultValue = "960"))
                          @QueryParam("width") Integer width,
                          @Parameter(schema = @Schema(minimum = "150", maximum = "3000", defaultValue = "540"))
                          @QueryParam("height") Integer height,
                          @jakarta.ws.rs.HeaderParam("Accept") String accept) {
        List<FieldError> errors = new ArrayList<>();
        ReportCharts.Kind kind = ReportCharts.Kind.parse(chart);
        if (kind == null) {
            errors.add(new FieldError("chart", "invalid_value", "must be progress, results, abandon or utilization"));
        }
        int w = size("width", width, 960, 200, 4000, errors);
        int h = size("height", height, 540, 150, 3000, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        CampaignReport report = report(campaignId, from, to, bucket, timezone);
        JFreeChart drawn = ReportCharts.chart(report, kind);
        boolean png = prefersPng(accept);
        StreamingOutput body = out -> {
            if (png) {
                ReportCharts.writePng(drawn, w, h, out);
            } else {
                ReportCharts.writeSvg(drawn, w, h, out);
            }
        };
        return Response.ok(body, png ? PNG : SVG).build();
    }

    /** PNG only when asked for before SVG (or alone); SVG otherwise. */
    private static boolean prefersPng(String accept) {
        if (accept == null) {
            return false;
        }
        int png = accept.indexOf(PNG);
        int svg = accept.indexOf(SVG);
        return png >= 0 && (svg < 0 || png < svg);
    }

    private static int size(String field, Integer value, int fallback, int min, int max, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(field, "out_of_range", "must be between " + min + " and " + max));
        }
        return value;
    }
}
