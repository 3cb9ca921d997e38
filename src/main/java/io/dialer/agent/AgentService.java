package io.dialer.agent;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.campaign.CampaignDeleted;
import io.dialer.campaign.CampaignService;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Ids;
import io.dialer.platform.Json;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.Pattern;

/**
 * Agents, their assignment to campaigns, their state machine and their event stream.
 *
 * <p>The methods that take a tenant and no request objects ({@link #forCampaign}, {@link #find}, {@link #move},
 * {@link #publish}) are the dialing loop's API: usable from any thread, inside or outside a transaction (their
 * statements join the caller's transaction when there is one).
 */
@ApplicationScoped
public class AgentService {

    public static final int MAX_NAME = 200;
    static final int MAX_PHONE_URI = 200;
    /** Deliberately narrow: the URI ends up in a dial string, where commas, '&' or spaces would change its meaning. */
    private static final Pattern SIP_URI = Pattern.compile(
            "sips?:([A-Za-z0-9._+\\-]+@)?([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+])(:\\d{1,5})?(;[A-Za-z0-9=._\\-]+)*");
    public static final int MAX_REASON = 200;
    public static final int MAX_CAMPAIGNS = 100;
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> READ_ONLY = Set.of("id", "state", "stateReason", "stateSince", "currentCallId",
            "currentCampaignId", "createdAt");

    /** The data of a 'state' event (written by hand with the ObjectMapper: registered for native). */
    @RegisterForReflection
    public record StateEvent(AgentState state, String reason, Instant since, String currentCallId, String currentCampaignId) {
    }

    private final AgentRepository repository;
    private final CampaignService campaigns;
    private final ObjectMapper mapper;
    private final Clock clock;

    AgentService(AgentRepository repository, CampaignService campaigns, ObjectMapper mapper, Clock clock) {
        this.repository = repository;
        this.campaigns = campaigns;
        this.mapper = mapper;
        this.clock = clock;
    }

    // ---- API operations

    @Transactional
    public Agent create(String tenant, AgentRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = validName(request.name(), errors);
        List<UUID> campaignIds = validCampaigns(tenant, request.campaignIds(), errors);
        String phoneUri = validPhoneUri(request.phoneUri(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        boolean simulated = Boolean.TRUE.equals(request.simulated());
        Instant now = clock.instant();
        UUID id = Ids.newId();
        Agent agent = new Agent(id.toString(), tenant, name, simulated, List.of(),
                simulated ? AgentState.READY : AgentState.LOGGED_OUT, null, now, null, null, now, phoneUri);
        repository.insert(agent, now);
        repository.replaceCampaigns(tenant, id, campaignIds);
        return repository.find(tenant, id).orElseThrow();
    }

    public Agent get(String tenant, String id) {
        return repository.find(tenant, Ids.parse("Agent", id)).orElseThrow(() -> ApiProblem.notFound("Agent", id));
    }

    /** A page of the tenant's agents; every bad filter, limit or cursor is reported at once. */
    public Page<Agent> list(String tenant, String campaignId, String state, Integer limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        PageRequest page = null;
        UUID after = null;
        try {
            page = PageRequest.of(limit, cursor);
            after = page.afterId();
        } catch (ApiProblem p) {
            errors.addAll(p.errors());
        }
        UUID campaign = null;
        if (campaignId != null) {
            campaign = uuidOrNull(campaignId);
            if (campaign == null) {
                errors.add(new FieldError("campaignId", "invalid_value", "is not a campaign id"));
            }
        }
        AgentState st = AgentState.parse(state);
        if (state != null && st == null) {
            errors.add(new FieldError("state", "invalid_value", "must be one of " + List.of(AgentState.values())));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        List<Agent> rows = repository.list(tenant, campaign, st, after, page.limit() + 1);
        return page.page(rows, Agent::id);
    }

    /** JSON merge patch (RFC 7396) of name and campaignIds; campaignIds replaces the whole assignment list. */
    @Transactional
    public Agent patch(String tenant, String id, ObjectNode patch) {
        Agent current = get(tenant, id);
        if (patch == null) {
            throw ApiProblem.badRequest("The PATCH body must be a JSON object");
        }
        List<FieldError> unknown = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        String name = current.name();
        List<UUID> campaignIds = null;
        String phoneUri = current.phoneUri();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "name" -> name = value.isNull() ? validName(null, errors)
                        : value.isTextual() ? validName(value.asText(), errors) : typeError("name", "a string", errors);
                case "campaignIds" -> campaignIds = campaignsFromJson(tenant, value, errors);
                case "phoneUri" -> phoneUri = value.isNull() ? null
                        : value.isTextual() ? validPhoneUri(value.asText(), errors) : typeError("phoneUri", "a string", errors);
                case "simulated" -> {
                    if (!value.isBoolean() || value.booleanValue() != current.simulated()) {
                        errors.add(new FieldError("simulated", "immutable", "cannot change after the agent is created"));
                    }
                }
                default -> {
                    if (READ_ONLY.contains(key)) {
                        errors.add(new FieldError(key, "read_only", key.startsWith("state")
                                ? "is changed with PUT /v1/agents/{id}/state" : "cannot be changed"));
                    } else {
                        unknown.add(new FieldError(key, "unknown_field", "is not a field of this resource"));
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiProblem.badRequest("Unknown field '" + unknown.get(0).field() + "'", unknown);
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        UUID agentId = UUID.fromString(current.id());
        if (!repository.update(tenant, agentId, name, phoneUri, clock.instant())) {
            throw ApiProblem.notFound("Agent", id);
        }
        if (campaignIds != null) {
            repository.replaceCampaigns(tenant, agentId, campaignIds);
        }
        return repository.find(tenant, agentId).orElseThrow(() -> ApiProblem.notFound("Agent", id));
    }

    /** Deletes the agent (409 while it holds a call); its open streams get a final 'deleted' event. */
    @Transactional
    public void delete(String tenant, String id) {
        UUID agentId = Ids.parse("Agent", id);
        if (!repository.deleteUnlessOnCall(tenant, agentId)) {
            Agent agent = repository.find(tenant, agentId).orElseThrow(() -> ApiProblem.notFound("Agent", id));
            throw onCall(agent);
        }
        repository.appendEventUnchecked(tenant, agentId, "deleted", Json.write(mapper, Map.of("id", id)), clock.instant());
    }

    /**
     * A client's state change: LOGGED_OUT, READY or PAUSED (with a reason), from any state but RESERVED and ON_CALL.
     * Conditional on the state read, so a concurrent move by the dialer is never overwritten. Records a 'state' event.
     */
    public Agent changeState(String tenant, String id, StateRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body is required");
        }
        List<FieldError> errors = new ArrayList<>();
        AgentState target = AgentState.parse(request.state());
        if (request.state() == null) {
            errors.add(new FieldError("state", "required", "is required: LOGGED_OUT, READY or PAUSED"));
        } else if (target == null) {
            errors.add(new FieldError("state", "invalid_value", "must be LOGGED_OUT, READY or PAUSED"));
        } else if (!target.clientSettable()) {
            errors.add(new FieldError("state", "dialer_only", target + " is set by the dialer only; clients set LOGGED_OUT, READY or PAUSED"));
        }
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "too_long", "must be at most " + MAX_REASON + " characters"));
        } else if (target == AgentState.PAUSED && reason == null) {
            errors.add(new FieldError("reason", "required", "is required when pausing (e.g. 'lunch', 'training')"));
        }
        UUID agentId = Ids.parse("Agent", id);
        Agent current = repository.find(tenant, agentId).orElseThrow(() -> ApiProblem.notFound("Agent", id));
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            if (current.state().onCall()) {
                throw onCall(current);
            }
            if (current.state() == target && Objects.equals(current.stateReason(), reason)) {
                return current; // nothing to change
            }
            Instant now = clock.instant();
            String event = Json.write(mapper, new StateEvent(target, reason, now, null, null));
            if (repository.move(tenant, agentId, current.state(), target, reason, null, null, now, event)) {
                return repository.find(tenant, agentId).orElseThrow(() -> ApiProblem.notFound("Agent", id));
            }
            current = repository.find(tenant, agentId).orElseThrow(() -> ApiProblem.notFound("Agent", id));
        }
        throw ApiProblem.conflict("agent-busy", "The agent's state keeps changing; read it again and retry");
    }

    // ---- the dialing loop's API

    /** The agents assigned to the campaign in any state but LOGGED_OUT (an agent may hold a call of another campaign). */
    public List<Agent> forCampaign(String tenant, String campaignId) {
        UUID campaign = uuidOrNull(campaignId);
        return campaign == null ? List.of() : repository.forCampaign(tenant, campaign);
    }

    public Optional<Agent> find(String tenant, String agentId) {
        UUID id = uuidOrNull(agentId);
        return id == null ? Optional.empty() : repository.find(tenant, id);
    }

    /**
     * Conditional move by the dialer: only if the agent is still in {@code from}; sets attempt/campaign (null clears);
     * returns false if the agent moved meanwhile (or does not exist). One UPDATE ... WHERE state = from; on success a
     * 'state' event is appended in the same statement. Clears the state reason.
     */
    public boolean move(String tenant, String agentId, AgentState from, AgentState to, String attemptId, String campaignId) {
        UUID id = uuidOrNull(agentId);
        if (id == null || from == null || to == null) {
            return false;
        }
        Instant now = clock.instant();
        String event = Json.write(mapper, new StateEvent(to, null, now, attemptId, campaignId));
        return repository.move(tenant, id, from, to, null, attemptId == null ? null : UUID.fromString(attemptId),
                campaignId == null ? null : UUID.fromString(campaignId), now, event);
    }

    /**
     * Appends an event to the agent's stream (types used by the dialer: offer, connected, ended, wrapup, state);
     * {@code data} is serialised as JSON. Nothing is stored if the tenant has no such agent.
     */
    public void publish(String tenant, String agentId, String type, Object data) {
        if (type == null || !EVENT_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Event type must match " + EVENT_TYPE.pattern() + ": " + type);
        }
        UUID id = uuidOrNull(agentId);
        if (id == null) {
            return;
        }
        String json = data == null ? "{}" : Json.write(mapper, data);
        repository.appendEvent(tenant, id, type, json, clock.instant());
    }

    /** A deleted campaign takes its agent assignments with it (same transaction). */
    void onCampaignDeleted(@Observes CampaignDeleted event) {
        repository.removeCampaign(event.tenant(), event.campaignId());
    }

    /** The JSON of the 'state' event describing the agent now (a new stream's first event). */
    String stateJson(Agent a) {
        return Json.write(mapper, new StateEvent(a.state(), a.stateReason(), a.stateSince(), a.attemptId(), a.campaignId()));
    }

    // ---- validation

    private static ApiProblem onCall(Agent agent) {
        return ApiProblem.conflict("agent-on-call", "The agent is on a call (" + agent.state() + "); wait until it wraps up");
    }

    private static String validName(String raw, List<FieldError> errors) {
        String name = raw == null ? null : raw.strip();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("name", "required", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "too_long", "must be at most " + MAX_NAME + " characters"));
        }
        return name;
    }

    private static String validPhoneUri(String raw, List<FieldError> errors) {
        String uri = raw == null ? null : raw.strip();
        if (uri == null || uri.isEmpty()) {
            return null;
        }
        if (uri.length() > MAX_PHONE_URI) {
            errors.add(new FieldError("phoneUri", "too_long", "must be at most " + MAX_PHONE_URI + " characters"));
        } else if (!SIP_URI.matcher(uri).matches()) {
            errors.add(new FieldError("phoneUri", "invalid_format", "must be a SIP URI such as sip:agent7@10.0.0.5:5060"));
        }
        return uri;
    }

    private static String typeError(String field, String expected, List<FieldError> errors) {
        errors.add(new FieldError(field, "invalid_type", "must be " + expected));
        return null;
    }

    private List<UUID> campaignsFromJson(String tenant, JsonNode value, List<FieldError> errors) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            typeError("campaignIds", "an array of campaign ids", errors);
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual()) {
                ids.add(item.asText());
            } else {
                typeError("campaignIds[" + i + "]", "a campaign id (string)", errors);
                ids.add(null);
            }
        }
        return validCampaigns(tenant, ids, errors, true);
    }

    private List<UUID> validCampaigns(String tenant, List<String> ids, List<FieldError> errors) {
        return validCampaigns(tenant, ids, errors, false);
    }

    /** Each id must name a campaign of the tenant; duplicates collapse. Reports every bad entry. */
    private List<UUID> validCampaigns(String tenant, List<String> ids, List<FieldError> errors, boolean nullsReported) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > MAX_CAMPAIGNS) {
            errors.add(new FieldError("campaignIds", "too_many", "at most " + MAX_CAMPAIGNS + " campaigns per agent"));
            return List.of();
        }
        Set<UUID> valid = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String raw = ids.get(i);
            String field = "campaignIds[" + i + "]";
            if (raw == null) {
                if (!nullsReported) {
                    errors.add(new FieldError(field, "required", "must be a campaign id, not null"));
                }
                continue;
            }
            try {
                valid.add(campaigns.get(tenant, raw).id());
            } catch (ApiProblem p) {
                if (p.status() != 404) {
                    throw p;
                }
                errors.add(new FieldError(field, "not_found", "campaign '" + raw + "' does not exist"));
            }
        }
        return List.copyOf(valid);
    }

    private static UUID uuidOrNull(String s) {
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
