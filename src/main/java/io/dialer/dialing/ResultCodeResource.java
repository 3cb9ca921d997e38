package io.dialer.dialing;

import io.dialer.engine.result.ResultCode;
import io.dialer.engine.result.RetryBehaviour;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;

/** The technical result taxonomy: the keys of a campaign's retries.rules and the codes of every attempt. */
@Path("/v1/result-codes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Result codes", description = "The technical result of a call attempt and how each one is treated")
public class ResultCodeResource {

    /** One code with its category, whether it counts as an attempt, its default retry and its abandonment role. */
    public record ResultCodeView(String code, String category, String meaning, boolean countsAsAttempt, boolean reached,
                                 boolean movesToNextNumber, String nextStep, long defaultRetryDelaySeconds,
                                 int defaultMaxRetries, String abandonmentRole) {
    }

    public record ResultCodeList(List<ResultCodeView> items, String nextCursor) {
    }

    @GET
    @Operation(operationId = "listResultCodes", summary = "Every technical result code and its default handling")
    public ResultCodeList list() {
        return new ResultCodeList(Arrays.stream(ResultCode.values()).map(ResultCodeResource::view).toList(), null);
    }

    private static ResultCodeView view(ResultCode code) {
        RetryBehaviour retry = code.defaultRetry();
        return new ResultCodeView(code.name(), code.category().name(), code.meaning(), code.countsAsAttempt(),
                code.reached(), code.movesToNextNumber(), code.nextStep().name(), retry.delay().toSeconds(),
                retry.maxRetries(), code.ledgerRole().name());
    }
}
