package io.dialer.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Ids;
import io.dialer.platform.MergePatch;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Campaign configuration and lifecycle. Other features read campaigns through this service. */
@ApplicationScoped
public class CampaignService {

    /** What a manager may correct while the campaign runs; the rest needs a paused or draft campaign. */
    private static final Set<String> ALWAYS_PATCHABLE = Set.of("name", "description", "schedule", "dialing",
            "retries", "compliance", "outcomes", "simulation", "fallback", "externalId", "ivr", "recording");

    private final CampaignRepository repository;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final jakarta.enterprise.event.Event<CampaignDeleted> campaignDeleted;
    private final io.dialer.webhook.EventLog events;

    CampaignService(CampaignRepository repository, ObjectMapper mapper, Clock clock,
                    jakarta.enterprise.event.Event<CampaignDeleted> campaignDeleted, io.dialer.webhook.EventLog events) {
        this.events = events;
        this.repository = repository;
        this.mapper = mapper;
        this.clock = clock;
        this.campaignDeleted = campaignDeleted;
    }

    @Transactional
    public Campaign create(String tenant, CampaignRequest request) {
        requireValid(request);
        Instant now = clock.instant();
        Campaign campaign = new Campaign(Ids.newId(), tenant, request.name().strip(), request.description(),
                CampaignState.DRAFT, CampaignDefaults.apply(request.settings()), 1, now, now, null, null, request.externalId());
        repository.insert(campaign);
        return campaign;
    }

    public Campaign get(String tenant, String id) {
        return repository.find(tenant, Ids.parse("Campaign", id)).orElseThrow(() -> ApiProblem.notFound("Campaign", id));
    }

    /** For the dialing loop, which holds ids rather than client input. */
    public java.util.Optional<Campaign> find(String tenant, java.util.UUID id) {
        return repository.find(tenant, id);
    }

    /** The engine's transition: a running campaign none of whose contacts can ever be dialled again is complete. */
    @Transactional
    public boolean complete(String tenant, java.util.UUID id) {
        if (!repository.completeIfRunning(tenant, id, clock.instant())) {
            return false;
        }
        events.record(stateEvent(repository.find(tenant, id).orElseThrow(), CampaignState.RUNNING,
                io.dialer.webhook.EventTypes.CAMPAIGN_COMPLETED));
        return true;
    }

    private static io.dialer.webhook.NewEvent stateEvent(Campaign c, CampaignState previous, String type) {
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("campaignId", c.id().toString());
        data.put("campaignExternalId", c.externalId());
        data.put("name", c.name());
        data.put("state", c.state().name());
        data.put("previousState", previous.name());
        return new io.dialer.webhook.NewEvent(c.tenant(), type, c.id(), data);
    }

    public Page<Campaign> list(String tenant, String state, PageRequest page) {
        if (state != null && !isState(state)) {
            throw ApiProblem.invalidField("state", "invalid_value", "must be one of DRAFT, RUNNING, PAUSED, STOPPED, COMPLETED");
        }
        List<Campaign> rows = repository.list(tenant, state, page.afterId(), page.limit() + 1);
        return page.page(rows, c -> c.id().toString());
    }

    /** JSON merge patch (RFC 7396) of the campaign's writable fields, guarded by the ETag when one is sent. */
    @Transactional
    public Campaign patch(String tenant, String id, ObjectNode patch, String ifMatch) {
        Campaign current = repository.findForUpdate(tenant, Ids.parse("Campaign", id))
                .orElseThrow(() -> ApiProblem.notFound("Campaign", id));
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")
                && !ifMatch.strip().replace("W/", "").equals(current.etag())) {
            throw new ApiProblem(412, "precondition-failed", "Precondition failed",
                    "The campaign changed since you read it (ETag " + current.etag() + "); read it again and retry", null);
        }
        if (patch == null) {
            throw ApiProblem.badRequest("The PATCH body must be a JSON object");
        }
        patch.fieldNames().forEachRemaining(field -> {
            if (current.state().isFinished() && !Set.of("name", "description", "externalId").contains(field)) {
                throw ApiProblem.conflict("campaign-finished",
                        "The campaign is " + current.state() + "; only name and description can change");
            }
            if (current.state() == CampaignState.RUNNING && !ALWAYS_PATCHABLE.contains(field)) {
                throw ApiProblem.conflict("campaign-running", "'" + field + "' cannot change while the campaign runs; pause it first");
            }
        });
        ObjectNode merged = mapper.valueToTree(requestOf(current));
        MergePatch.apply(merged, patch);
        CampaignRequest request;
        try {
            request = mapper.treeToValue(merged, CampaignRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        requireValid(request);
        Campaign updated = new Campaign(current.id(), tenant, request.name().strip(), request.description(), current.state(),
                CampaignDefaults.apply(request.settings()), current.version() + 1, current.createdAt(), clock.instant(),
                current.startedAt(), current.stoppedAt(), request.externalId());
        if (!repository.update(updated, current.version())) {
            throw new ApiProblem(412, "precondition-failed", "Precondition failed", "The campaign changed concurrently; retry", null);
        }
        return updated;
    }

    @Transactional
    public Campaign transition(String tenant, String id, CampaignState.Action action) {
        Campaign current = repository.findForUpdate(tenant, Ids.parse("Campaign", id))
                .orElseThrow(() -> ApiProblem.notFound("Campaign", id));
        if (!action.allowedFrom(current.state())) {
            throw ApiProblem.conflict("illegal-transition", "Cannot " + action.verb() + " a campaign that is "
                    + current.state() + "; " + action.verb() + " is allowed from " + action.allowedStates());
        }
        repository.updateState(tenant, current.id(), action.target(), clock.instant());
        Campaign updated = repository.find(tenant, current.id()).orElseThrow();
        events.record(stateEvent(updated, current.state(), "campaign." + switch (action) {
            case START -> "started";
            case PAUSE -> "paused";
            case RESUME -> "resumed";
            case STOP -> "stopped";
        }));
        return updated;
    }

    @Transactional
    public void delete(String tenant, String id) {
        Campaign current = repository.findForUpdate(tenant, Ids.parse("Campaign", id))
                .orElseThrow(() -> ApiProblem.notFound("Campaign", id));
        if (current.state().isActive()) {
            throw ApiProblem.conflict("campaign-active", "The campaign is " + current.state() + "; stop it before deleting it");
        }
        campaignDeleted.fire(new CampaignDeleted(tenant, current.id()));
        repository.delete(tenant, current.id());
    }

    private static CampaignRequest requestOf(Campaign c) {
        CampaignSettings s = c.settings();
        return new CampaignRequest(c.name(), c.description(), s.mode(), s.schedule(), s.dialing(), s.retries(),
                s.compliance(), s.outcomes(), s.simulation(), s.fallback(), c.externalId(), s.ivr(), s.recording());
    }

    private static void requireValid(CampaignRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body is required");
        }
        List<FieldError> errors = CampaignValidator.validate(request);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
    }

    private static boolean isState(String s) {
        for (CampaignState st : CampaignState.values()) {
            if (st.name().equals(s)) {
                return true;
            }
        }
        return false;
    }
}
