package io.dialer.outcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignService;
import io.dialer.campaign.CampaignSettings.OutcomeDefinition;
import io.dialer.contact.ContactQueue;
import io.dialer.contact.PendingCallback;
import io.dialer.contact.dnc.DncService;
import io.dialer.contact.numbers.NumberStatusService;
import io.dialer.dialing.CallRepository;
import io.dialer.dialing.CallView;
import io.dialer.dialing.DialingService;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Ids;
import io.dialer.platform.Json;
import io.dialer.webhook.EventLog;
import io.dialer.webhook.EventTypes;
import io.dialer.webhook.NewEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Records the business outcome of a call, once, and gives its flags effect in the same transaction: a final outcome
 * closes the contact, WRONG_NUMBER-like outcomes mark the number invalid tenant-wide, DO_NOT_CALL-like ones add it to
 * the do-not-call list, and a callback schedules the contact (owned by the agent if asked).
 */
@ApplicationScoped
public class OutcomeService implements io.dialer.dialing.SurveyOutcomes {

    private final CallRepository calls;
    private final CampaignService campaigns;
    private final DialingService dialing;
    private final ContactQueue contacts;
    private final NumberStatusService numbers;
    private final DncService dnc;
    private final EventLog events;
    private final ObjectMapper mapper;

    OutcomeService(CallRepository calls, CampaignService campaigns, DialingService dialing, ContactQueue contacts,
                   NumberStatusService numbers, DncService dnc, EventLog events, ObjectMapper mapper) {
        this.calls = calls;
        this.campaigns = campaigns;
        this.dialing = dialing;
        this.contacts = contacts;
        this.numbers = numbers;
        this.dnc = dnc;
        this.events = events;
        this.mapper = mapper;
    }

    /** Returns the call with its outcome; true in {@code created} when this request recorded it. */
    public record Recorded(CallView call, boolean created) {
    }

    @Transactional
    public Recorded record(String tenant, String callId, OutcomeRequest request) {
        UUID attemptId = Ids.parse("Call", callId);
        CallView call = calls.find(tenant, attemptId).orElseThrow(() -> ApiProblem.notFound("Call", callId));
        Campaign campaign = campaigns.find(tenant, UUID.fromString(call.campaignId()))
                .orElseThrow(() -> ApiProblem.notFound("Call", callId));
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body is required");
        }
        OutcomeDefinition definition = validate(campaign, request);
        if (call.outcome() != null) {
            if (sameAsRecorded(call.outcome(), request)) {
                return new Recorded(call, false);
            }
            throw ApiProblem.conflict("outcome-recorded", "The call already has the outcome " + call.outcome().code()
                    + "; an outcome is recorded once per call");
        }
        boolean isFinal = Boolean.TRUE.equals(definition.isFinal());
        String dataJson = request.data() == null ? null : Json.write(mapper, request.data());
        if (!dialing.saveOutcome(tenant, attemptId, definition.code(), definition.category(), isFinal, request.notes(),
                request.callbackAt(), dataJson)) {
            throw ApiProblem.conflict("outcome-recorded", "Another outcome was recorded for this call at the same time");
        }
        List<NewEvent> recorded = new ArrayList<>();
        recorded.add(outcomeEvent(tenant, call, definition, request, "API"));
        recorded.addAll(effects(tenant, campaign, call, definition));
        if (request.callbackAt() != null) {
            String owner = Boolean.TRUE.equals(request.callbackToAgent()) ? call.agentId() : null;
            contacts.scheduleCallback(tenant, UUID.fromString(call.contactId()),
                    new PendingCallback(request.callbackAt(), owner, call.phoneIndex(), false));
        }
        recorded.addAll(dialing.replanContact(campaign, UUID.fromString(call.contactId())));
        events.recordAll(recorded);
        return new Recorded(calls.find(tenant, attemptId).orElseThrow(), true);
    }

    /**
     * The IVR's outcome: SURVEY_COMPLETED (or the campaign's own definition of that code) with the answer and the
     * comment in its data, in the dialing loop's transaction. The loop plans the contact again afterwards.
     */
    @Override
    public List<NewEvent> surveyAnswered(String tenant, UUID attemptId, int answer, String commentRecording) {
        CallView call = calls.find(tenant, attemptId).orElse(null);
        Campaign campaign = call == null ? null : campaigns.find(tenant, UUID.fromString(call.campaignId())).orElse(null);
        if (campaign == null) {
            return List.of();
        }
        OutcomeDefinition definition = BuiltInOutcomes.find(campaign.settings().outcomes(), BuiltInOutcomes.SURVEY_COMPLETED)
                .orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode data = mapper.createObjectNode();
        data.put("answer", answer);
        data.put("commentRecording", commentRecording);
        if (!dialing.saveOutcome(tenant, attemptId, definition.code(), definition.category(),
                Boolean.TRUE.equals(definition.isFinal()), null, null, Json.write(mapper, data))) {
            return List.of(); // the CRM recorded one first
        }
        List<NewEvent> recorded = new ArrayList<>();
        recorded.add(outcomeEvent(tenant, call, definition, new OutcomeRequest(definition.code(), null, null, null, data),
                "IVR"));
        recorded.addAll(effects(tenant, campaign, call, definition));
        return recorded;
    }

    /** The outcome's flags given effect: the number marked invalid, or put on the do-not-call list. */
    private List<NewEvent> effects(String tenant, Campaign campaign, CallView call, OutcomeDefinition definition) {
        List<NewEvent> recorded = new ArrayList<>();
        if (Boolean.TRUE.equals(definition.marksNumberInvalid())) {
            numbers.set(tenant, call.number(), "INVALID", "outcome " + definition.code());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("number", call.number());
            data.put("status", "INVALID");
            data.put("reason", "outcome " + definition.code());
            data.put("campaignId", call.campaignId());
            data.put("contactExternalId", call.contactExternalId());
            recorded.add(new NewEvent(tenant, EventTypes.NUMBER_INVALIDATED, campaign.id(), data));
        }
        if (Boolean.TRUE.equals(definition.addsToDnc())) {
            dnc.add(tenant, List.of(call.number()), null, "outcome " + definition.code(), "OUTCOME");
        }
        return recorded;
    }

    private static OutcomeDefinition validate(Campaign campaign, OutcomeRequest r) {
        List<FieldError> errors = new ArrayList<>();
        OutcomeDefinition definition = null;
        if (r.code() == null || r.code().isBlank()) {
            errors.add(new FieldError("code", "required", "is required"));
        } else {
            definition = BuiltInOutcomes.find(campaign.settings().outcomes(), r.code()).orElse(null);
            if (definition == null) {
                errors.add(new FieldError("code", "unknown_outcome", "is neither one of the campaign's outcomes nor a built-in one "
                        + "(WRONG_NUMBER, WRONG_PERSON, CALLBACK_REQUESTED, DO_NOT_CALL, SURVEY_COMPLETED)"));
            } else if (Boolean.TRUE.equals(definition.needsCallbackTime()) && r.callbackAt() == null) {
                errors.add(new FieldError("callbackAt", "required", "is required for " + r.code()));
            }
        }
        if (r.notes() != null && r.notes().length() > 4000) {
            errors.add(new FieldError("notes", "too_long", "must be at most 4000 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return definition;
    }

    private boolean sameAsRecorded(CallView.Outcome o, OutcomeRequest r) {
        return o.code().equals(r.code()) && Objects.equals(o.notes(), r.notes())
                && Objects.equals(o.callbackAt(), r.callbackAt())
                && Objects.equals(o.data(), r.data() == null ? null : mapper.valueToTree(r.data()));
    }

    private NewEvent outcomeEvent(String tenant, CallView call, OutcomeDefinition d, OutcomeRequest r, String source) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attemptId", call.id());
        data.put("campaignId", call.campaignId());
        data.put("contactId", call.contactId());
        data.put("contactExternalId", call.contactExternalId());
        data.put("code", d.code());
        data.put("category", d.category());
        data.put("final", Boolean.TRUE.equals(d.isFinal()));
        data.put("rightPartyContact", Boolean.TRUE.equals(d.rightPartyContact()));
        data.put("notes", r.notes());
        data.put("callbackAt", r.callbackAt() == null ? null : r.callbackAt().toString());
        data.put("data", r.data());
        data.put("agentId", call.agentId());
        data.put("source", source);
        return new NewEvent(tenant, EventTypes.OUTCOME_RECORDED, UUID.fromString(call.campaignId()), data);
    }
}
