package io.dialer.dialing;

import io.dialer.webhook.NewEvent;

import java.util.List;
import java.util.UUID;

/**
 * Records an agentless survey's answer as the attempt's business outcome; implemented by the outcome feature. Runs in
 * the loop's transaction that ends the attempt, before its contact is planned again (so that a final outcome counts).
 */
public interface SurveyOutcomes {

    /**
     * @param commentRecording where the API serves the spoken comment, or null
     * @return the events to record (outcome.recorded and whatever the outcome's flags caused); none when the call
     *         already has an outcome
     */
    List<NewEvent> surveyAnswered(String tenant, UUID attemptId, int answer, String commentRecording);
}
