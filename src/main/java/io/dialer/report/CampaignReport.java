package io.dialer.report;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A campaign's results over time (GET /v1/campaigns/{id}/report). Attempts are bucketed by when they were placed, on the
 * campaign clock; agent time by the minute it was spent.
 */
@Schema(name = "CampaignReport")
public record CampaignReport(
        String campaignId,
        String campaignName,
        Instant from,
        Instant to,
        @Schema(enumeration = {"hour", "day"}) String bucket,
        @Schema(description = "IANA zone the buckets are aligned to") String timezone,
        @Schema(description = "The campaign's abandon cap (fraction of live answers)") double maxAbandonRate,
        @Schema(description = "P30D (US rules) or PT24H (UK rules): how the abandon rate is defined") String abandonWindow,
        @Schema(description = "The whole range") Figures totals,
        List<Bucket> series,
        List<AgentFigures> agents,
        @Schema(description = "By the dialled number's type (MOBILE, LANDLINE, ...)") List<Breakdown> numberTypes,
        @Schema(description = "By the trunk the call went out on") List<Breakdown> trunks) {

    /** One bucket of the series. */
    @Schema(name = "CampaignReportBucket")
    public record Bucket(Instant start, Figures figures) {
    }

    /**
     * What happened in a bucket (or the whole range).
     *
     * @param liveAnswers       people who answered, under the campaign's abandon definition (fractional under UK rules)
     * @param abandonRate       abandoned live answers over live answers in this bucket, under that definition
     * @param contactsReached   contacts with at least one reached attempt (person, machine, fax) placed in the bucket
     * @param contactsCompleted contacts whose last attempt ended in the bucket and that are now COMPLETED
     * @param agentUtilization  (talk + wrap) / logged-in time of the campaign's agents, pauses excluded; null without agent time
     */
    @Schema(name = "CampaignReportFigures")
    public record Figures(long attempts, Map<String, Long> attemptsByResult, double liveAnswers, double abandoned,
                          double abandonRate, long contactsReached, long contactsCompleted,
                          @Schema(nullable = true) Double agentUtilization, double talkSeconds, double wrapSeconds,
                          double loggedInSeconds, Outcomes outcomes) {
    }

    /** Business outcomes recorded on the attempts (agent, CRM or IVR). */
    @Schema(name = "CampaignReportOutcomes")
    public record Outcomes(long success, long failure, long neutral, long rightPartyContacts, Map<String, Long> byCode) {
    }

    /** One agent's work on the campaign over the range. */
    @Schema(name = "CampaignReportAgent")
    public record AgentFigures(String agentId, @Schema(nullable = true) String name, long calls, double talkSeconds,
                               double wrapSeconds, double loggedInSeconds, @Schema(nullable = true) Double utilization,
                               Map<String, Long> outcomes) {
    }

    /** Attempts by one key (number type or trunk). */
    @Schema(name = "CampaignReportBreakdown")
    public record Breakdown(String key, long attempts, double liveAnswers, long reached, Map<String, Long> attemptsByResult) {
    }
}
