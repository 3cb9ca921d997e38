package io.dialer.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine needs to run a campaign, as the API shows it. Enumerated values are strings
 * here so that validation can report every bad field at once instead of failing on the first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignSettings(
        String mode,
        Schedule schedule,
        Dialing dialing,
        Retries retries,
        Compliance compliance,
        List<OutcomeDefinition> outcomes,
        ObjectNode simulation,
        Fallback fallback,
        Ivr ivr,
        Recording recording) {

    /** Calling windows are always read in the contact's local time; {@code timezone} is the fallback zone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Schedule(String timezone, List<Window> windows, List<String> holidays, Instant startAt, Instant endAt) {
    }

    /** A weekly window, e.g. MON-FRI 09:00-20:00. */
    public record Window(List<String> days, String from, String to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dialing(String defaultRegion, Integer ringTimeoutSeconds, Integer maxLinesPerAgent, String callerId,
                          List<String> numberOrder, List<TrunkRule> trunkRules, Integer previewTimeoutSeconds,
                          Integer wrapUpTimeoutSeconds, Integer maxConcurrentCalls, Amd amd) {
    }

    /** Answering-machine detection: what to do when a machine answers (HANGUP or LEAVE_MESSAGE with {@code message}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Amd(Boolean enabled, String machineAction, String message, io.dialer.telephony.AmdTuning tuning) {
    }

    /** Routes numbers of a type and/or prefix to a trunk; the first matching rule wins. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrunkRule(String numberType, String prefix, String trunk) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retries(Integer maxAttemptsPerContact, Integer maxAttemptsPerNumber, Integer maxAttemptsPerDay,
                          Integer minGapSeconds, Map<String, RetryRule> rules) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RetryRule(Integer delaySeconds, Integer max) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Compliance(Double maxAbandonRate, String abandonWindow, Integer connectTimeoutSeconds,
                             String safeHarbourMessage) {
    }

    /** A business outcome the agent, IVR or CRM may record for a call, with the flags that give it effect. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutcomeDefinition(String code, String label, @JsonProperty("final") Boolean isFinal, String category,
                                    Boolean rightPartyContact, Boolean marksNumberInvalid, Boolean addsToDnc,
                                    Boolean needsCallbackTime) {
    }

    /**
     * A message for contacts who end without being reached: when their attempts are exhausted ({@code onExhausted},
     * true unless set to false) or when their last result is one of {@code resultCodes}. The dialer then records a
     * {@code contact.fallback_requested} event (which webhooks deliver) and, when a channel is given and enabled on
     * the service, sends it by e-mail and/or SMS. Templates use {@code {{name}}} placeholders: contact fields
     * (firstName, lastName, externalId, phone, ...) and attributes by name; a missing value renders empty.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fallback(Boolean onExhausted, List<String> resultCodes, FallbackEmail email, FallbackSms sms) {
    }

    /** E-mail fallback: recipient (usually {@code {{email}}} from the attributes), subject and plain-text body templates. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FallbackEmail(String to, String subject, String body) {
    }

    /**
     * What an AGENTLESS campaign says to a person who answers: a greeting, then optionally a one-question survey
     * answered on the keypad (1 to 10). Texts are templates with {@code {{name}}} placeholders like the fallback's:
     * contact fields (firstName, lastName, externalId, phone: the number called) and attributes by name; a missing
     * value renders empty. Without {@code ivr} the call plays a default greeting.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ivr(String greeting, IvrSurvey survey) {
    }

    /**
     * The survey after the greeting. The answer (1 to 10) becomes the call's business outcome SURVEY_COMPLETED.
     *
     * @param question       asked after the greeting
     * @param retryPrompt    said before asking again after no or an invalid answer
     * @param attempts       how many times the question is asked (1 to 5, default 2)
     * @param commentPrompt  said before recording a spoken comment after the answer; null: no comment
     * @param commentSeconds longest comment (1 to 120 seconds, default 20)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IvrSurvey(String question, String retryPrompt, Integer attempts, String commentPrompt,
                            Integer commentSeconds) {
    }

    /**
     * Call recording: conversations with agents are recorded when {@code enabled} (default false). Recordings, and
     * survey comments, are deleted {@code retentionDays} after the call (1 to 3650, default 30).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recording(Boolean enabled, Integer retentionDays) {
    }

    /** SMS fallback: recipient (usually {@code {{phone}}}, the contact's first number) and text templates. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FallbackSms(String to, String body) {
    }
}
