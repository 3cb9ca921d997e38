package io.dialer.telephony;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A campaign's answering-machine detection parameters, in Asterisk's AMD() terms; null fields keep the carrier's
 * defaults. Longer greetings and analysis times catch more machines and keep people waiting longer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "AMD() parameters for the campaign (milliseconds unless noted); omitted fields keep the service's defaults")
public record AmdTuning(
        @Schema(minimum = "500", maximum = "10000") Integer initialSilenceMs,
        @Schema(minimum = "500", maximum = "10000") Integer greetingMs,
        @Schema(minimum = "100", maximum = "5000") Integer afterGreetingSilenceMs,
        @Schema(minimum = "1000", maximum = "10000") Integer totalAnalysisTimeMs,
        @Schema(minimum = "10", maximum = "1000") Integer minimumWordLengthMs,
        @Schema(minimum = "10", maximum = "1000") Integer betweenWordsSilenceMs,
        @Schema(description = "words before the greeting counts as a machine", minimum = "1", maximum = "10") Integer maximumNumberOfWords,
        @Schema(description = "energy below which audio is silence (0-32767)", minimum = "0", maximum = "32767") Integer silenceThreshold,
        @Schema(minimum = "100", maximum = "10000") Integer maximumWordLengthMs) {

    /** Field name → its allowed range, for validation. */
    public static final Map<String, int[]> RANGES = Map.of(
            "initialSilenceMs", new int[] {500, 10000}, "greetingMs", new int[] {500, 10000},
            "afterGreetingSilenceMs", new int[] {100, 5000}, "totalAnalysisTimeMs", new int[] {1000, 10000},
            "minimumWordLengthMs", new int[] {10, 1000}, "betweenWordsSilenceMs", new int[] {10, 1000},
            "maximumNumberOfWords", new int[] {1, 10}, "silenceThreshold", new int[] {0, 32767},
            "maximumWordLengthMs", new int[] {100, 10000});

    /** The fields by name, for validation (null where unset). */
    public Map<String, Integer> values() {
        Map<String, Integer> v = new LinkedHashMap<>();
        v.put("initialSilenceMs", initialSilenceMs);
        v.put("greetingMs", greetingMs);
        v.put("afterGreetingSilenceMs", afterGreetingSilenceMs);
        v.put("totalAnalysisTimeMs", totalAnalysisTimeMs);
        v.put("minimumWordLengthMs", minimumWordLengthMs);
        v.put("betweenWordsSilenceMs", betweenWordsSilenceMs);
        v.put("maximumNumberOfWords", maximumNumberOfWords);
        v.put("silenceThreshold", silenceThreshold);
        v.put("maximumWordLengthMs", maximumWordLengthMs);
        return v;
    }
}
