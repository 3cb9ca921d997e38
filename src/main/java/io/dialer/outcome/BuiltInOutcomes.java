package io.dialer.outcome;

import io.dialer.campaign.CampaignSettings.OutcomeDefinition;

import java.util.List;
import java.util.Optional;

/** Outcomes every campaign knows, with their effects; a campaign may redefine a code of the same name. */
public final class BuiltInOutcomes {

    static final String SURVEY_COMPLETED = "SURVEY_COMPLETED";

    static final List<OutcomeDefinition> ALL = List.of(
            new OutcomeDefinition("WRONG_NUMBER", "Wrong number", false, "FAILURE", false, true, false, false),
            new OutcomeDefinition("WRONG_PERSON", "Wrong person", false, "NEUTRAL", false, false, false, false),
            new OutcomeDefinition("CALLBACK_REQUESTED", "Callback requested", false, "NEUTRAL", true, false, false, true),
            new OutcomeDefinition("DO_NOT_CALL", "Do not call", true, "FAILURE", true, false, true, false),
            // an agentless survey's answer (data: answer 1-10, commentRecording); recorded by the IVR
            new OutcomeDefinition(BuiltInOutcomes.SURVEY_COMPLETED, "Survey completed", true, "SUCCESS", false, false,
                    false, false));

    private BuiltInOutcomes() {
    }

    /** The campaign's definition of the code, else the built-in one of that name. */
    public static Optional<OutcomeDefinition> find(List<OutcomeDefinition> campaign, String code) {
        if (campaign != null) {
            for (OutcomeDefinition d : campaign) {
                if (d.code().equals(code)) {
                    return Optional.of(d);
                }
            }
        }
        return ALL.stream().filter(d -> d.code().equals(code)).findFirst();
    }
}
