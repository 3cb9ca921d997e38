package io.dialer.report;

import io.dialer.campaign.CampaignState;

import java.time.Instant;
import java.util.Map;

/**
 * A running campaign at a glance.
 *
 * @param liveAnswers    people who answered, in the abandonment window (connected, hung up first, or abandoned)
 * @param abandonRate    abandoned live answers under the campaign's definition (US or UK) over its window
 * @param linesPerAgent  current dial level: lines in use per logged-in agent
 * @param utilization    share of logged-in agent time spent talking since the loop took the campaign
 * @param dialableNow    contacts due now and waiting for a line
 * @param capFallback    the abandon cap was reached and predictive dialling fell back to progressive
 * @param campaignNow    the campaign clock (ahead of real time for a simulated campaign with a time scale)
 */
public record CampaignStats(String campaignId, CampaignState state, Map<String, Long> contactsByState,
                            Map<String, Long> attemptsByResult, long attempts, double liveAnswers, double abandonRate,
                            double maxAbandonRate, Map<String, Long> agentsByState, long linesInFlight, double linesPerAgent,
                            double utilization, long dialableNow, boolean capFallback, Instant campaignNow) {
}
