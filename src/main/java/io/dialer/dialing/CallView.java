package io.dialer.dialing;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One call attempt with its technical result and business outcome, as the API shows it. */
public record CallView(String id, String campaignId, String contactId, String contactExternalId, String number,
                       int phoneIndex, String mode, String state, String result, String cause, String agentId,
                       String trunk, String callerId, boolean callback, Instant placedAt, Instant answeredAt,
                       Instant connectedAt, Instant endedAt, Double ringSeconds, Double waitSeconds, Double talkSeconds,
                       Outcome outcome, String recording, String commentRecording) {

    /** Where the API serves a call's conversation recording. */
    public static String recordingPath(String callId) {
        return "/v1/calls/" + callId + "/recording";
    }

    /** Where the API serves an agentless call's spoken survey comment. */
    public static String commentRecordingPath(String callId) {
        return "/v1/calls/" + callId + "/comment-recording";
    }

    /** The business outcome recorded for the call, if any. */
    public record Outcome(String code, String category, Boolean isFinal, String notes, Instant callbackAt, JsonNode data,
                          Instant recordedAt) {
    }
}
