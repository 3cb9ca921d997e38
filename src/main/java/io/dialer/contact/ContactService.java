package io.dialer.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.campaign.Campaign;
import io.dialer.campaign.CampaignService;
import io.dialer.contact.dnc.DncService;
import io.dialer.contact.numbers.NumberStatusService;
import io.dialer.platform.ApiProblem;
import io.dialer.platform.FieldError;
import io.dialer.platform.Ids;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Contacts of a campaign: real-time batches from the CRM, reads, corrections and cancellation. */
@ApplicationScoped
public class ContactService {

    public static final int MAX_BATCH = 1000;

    /** Outcome of one item of a batch. */
    public record ItemResult(int index, String externalId, String status, String id, List<FieldError> errors,
                             List<FieldError> warnings) {
    }

    private final ContactRepository repository;
    private final CampaignService campaigns;
    private final DncService dnc;
    private final NumberStatusService numbers;
    private final ObjectMapper mapper;
    private final ContactPreparer preparer;
    private final Clock clock;
    private final DialingFacts dialing;
    private final io.dialer.engine.schedule.Scheduler scheduler = new io.dialer.engine.schedule.Scheduler();

    ContactService(ContactRepository repository, CampaignService campaigns, DncService dnc, NumberStatusService numbers,
                   ObjectMapper mapper, Clock clock, DialingFacts dialing) {
        this.dialing = dialing;
        this.repository = repository;
        this.campaigns = campaigns;
        this.dnc = dnc;
        this.numbers = numbers;
        this.mapper = mapper;
        this.preparer = new ContactPreparer(mapper);
        this.clock = clock;
    }

    @Transactional
    public List<ItemResult> upsertBatch(String tenant, String campaignId, List<ContactInput> contacts) {
        Campaign campaign = writableCampaign(tenant, campaignId);
        if (contacts == null || contacts.isEmpty()) {
            throw ApiProblem.invalidField("contacts", "required", "needs at least one contact");
        }
        if (contacts.size() > MAX_BATCH) {
            throw ApiProblem.invalidField("contacts", "too_many", "at most " + MAX_BATCH + " contacts per request; use an import for files");
        }
        repository.lockCampaign(campaign.id());
        Instant now = clock.instant();
        List<ContactDraft> valid = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(contacts.size());
        List<ContactPreparer.Prepared> prepared = contacts.stream().map(c -> preparer.prepare(c, campaign.defaultRegion())).toList();
        prepared.forEach(p -> {
            if (p instanceof ContactPreparer.Prepared.Valid v) {
                valid.add(v.draft());
            }
        });
        Map<String, String> marked = numbers.nonValid(tenant, e164s(valid));
        for (int i = 0; i < prepared.size(); i++) {
            ContactPreparer.Prepared p = prepared.get(i);
            if (p instanceof ContactPreparer.Prepared.Rejected r) {
                results.add(new ItemResult(i, contacts.get(i) == null ? null : contacts.get(i).externalId(), "rejected", null,
                        prefix("contacts[" + i + "].", r.errors()), null));
            } else if (p instanceof ContactPreparer.Prepared.Valid v) {
                ContactRepository.Upserted up = repository.upsert(tenant, campaign.id(), v.draft(), now);
                results.add(new ItemResult(i, v.draft().externalId(), up.created() ? "created" : "updated",
                        up.id().toString(), null, markedWarnings(i, v.draft(), marked)));
            }
        }
        return results;
    }

    public ContactView get(String tenant, String campaignId, String contactId) {
        Campaign campaign = campaigns.get(tenant, campaignId);
        Contact c = repository.find(tenant, campaign.id(), Ids.parse("Contact", contactId))
                .orElseThrow(() -> ApiProblem.notFound("Contact", contactId));
        Set<String> numbers = new LinkedHashSet<>();
        c.phones().forEach(p -> numbers.add(p.e164()));
        Map<String, String> statuses = this.numbers.nonValid(tenant, numbers);
        Set<String> blocked = dnc.blocked(tenant, numbers);
        return view(c, statuses, blocked).withDialability(dialability(campaign, c, statuses, blocked));
    }

    /** Asks the scheduling core whether the contact could be dialled now, and if not, why and until when. */
    private ContactView.Dialability dialability(Campaign campaign, Contact c, Map<String, String> statuses,
                                                Set<String> blocked) {
        if (c.state() != ContactState.PENDING) {
            return new ContactView.Dialability(false, List.of(new ContactView.Reason(
                    c.state() == ContactState.CANCELLED ? "CANCELLED" : c.state() == ContactState.DIALING ? "IN_PROGRESS" : "COMPLETED",
                    "the contact is " + c.state().name().toLowerCase(), null)));
        }
        List<io.dialer.engine.schedule.Attempt> attempts = dialing.attempts(c.tenant(), List.of(c.id()))
                .getOrDefault(c.id(), List.of());
        io.dialer.engine.schedule.Plan plan = scheduler.plan(
                ContactScheduling.contact(c, windows(c), blocked, statuses, attempts),
                ContactScheduling.campaign(campaign.settings()), dialing.campaignNow(campaign.id()));
        io.dialer.engine.schedule.Dialability d = plan.dialability(campaign.state() == io.dialer.campaign.CampaignState.RUNNING);
        return new ContactView.Dialability(d.dialable(), d.reasons().stream()
                .map(r -> new ContactView.Reason(r.code().name(), r.message(), r.until())).toList());
    }

    public Page<ContactView> list(String tenant, String campaignId, String state, String externalId, PageRequest page) {
        Campaign campaign = campaigns.get(tenant, campaignId);
        if (state != null && !ContactState.isKnown(state)) {
            throw ApiProblem.invalidField("state", "invalid_value", "must be one of " + List.of(ContactState.values()));
        }
        List<Contact> rows = repository.list(tenant, campaign.id(), state, externalId, page.afterKey(), page.limit() + 1);
        Page<Contact> p = page.page(rows, Contact::externalId);
        return new Page<>(views(tenant, p.items()), p.nextCursor());
    }

    /** JSON merge patch of a contact's CRM data; the externalId cannot change. */
    @Transactional
    public ContactView patch(String tenant, String campaignId, String contactId, ObjectNode patch) {
        Campaign campaign = writableCampaign(tenant, campaignId);
        Contact current = repository.findForUpdate(tenant, campaign.id(), Ids.parse("Contact", contactId))
                .orElseThrow(() -> ApiProblem.notFound("Contact", contactId));
        if (patch == null) {
            throw ApiProblem.badRequest("The PATCH body must be a JSON object");
        }
        if (patch.has("externalId") && !current.externalId().equals(patch.get("externalId").asText())) {
            throw ApiProblem.invalidField("externalId", "immutable", "cannot change; create a new contact instead");
        }
        ObjectNode merged = mapper.valueToTree(inputOf(current));
        io.dialer.platform.MergePatch.apply(merged, patch);
        ContactInput input;
        try {
            input = mapper.treeToValue(merged, ContactInput.class);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("Cannot read the patched contact: " + e.getOriginalMessage());
        }
        ContactPreparer.Prepared prepared = preparer.prepare(input, campaign.defaultRegion());
        if (prepared instanceof ContactPreparer.Prepared.Rejected r) {
            throw ApiProblem.validation(r.errors());
        }
        repository.upsert(tenant, campaign.id(), ((ContactPreparer.Prepared.Valid) prepared).draft(), clock.instant());
        return get(tenant, campaignId, contactId);
    }

    @Transactional
    public void cancel(String tenant, String campaignId, String contactId) {
        Campaign campaign = campaigns.get(tenant, campaignId);
        Contact current = repository.findForUpdate(tenant, campaign.id(), Ids.parse("Contact", contactId))
                .orElseThrow(() -> ApiProblem.notFound("Contact", contactId));
        repository.cancel(tenant, current.id(), clock.instant());
    }

    /** A deleted campaign takes its contacts with it (same transaction). */
    void onCampaignDeleted(@jakarta.enterprise.event.Observes io.dialer.campaign.CampaignDeleted event) {
        repository.lockCampaign(event.campaignId());
        repository.deleteAll(event.tenant(), event.campaignId());
    }

    /** The tenant's campaign, or 404. */
    public Campaign campaign(String tenant, String campaignId) {
        return campaigns.get(tenant, campaignId);
    }

    /** A campaign that may still receive contacts: every state but STOPPED. */
    public Campaign writableCampaign(String tenant, String campaignId) {
        Campaign campaign = campaigns.get(tenant, campaignId);
        if (campaign.state() == io.dialer.campaign.CampaignState.STOPPED) {
            throw ApiProblem.conflict("campaign-stopped", "The campaign is STOPPED and takes no more contacts");
        }
        return campaign;
    }

    private List<ContactView> views(String tenant, List<Contact> contacts) {
        Set<String> all = new LinkedHashSet<>();
        contacts.forEach(c -> c.phones().forEach(p -> all.add(p.e164())));
        Map<String, String> statuses = numbers.nonValid(tenant, all);
        Set<String> blocked = dnc.blocked(tenant, all);
        return contacts.stream().map(c -> view(c, statuses, blocked)).toList();
    }

    private ContactView view(Contact c, Map<String, String> statuses, Set<String> blocked) {
        List<ContactView.PhoneView> phones = c.phones().stream()
                .map(p -> new ContactView.PhoneView(p.number(), p.type(), p.e164(), p.numberType(), p.region(),
                        p.timezones(), statuses.getOrDefault(p.e164(), "VALID"), blocked.contains(p.e164())))
                .toList();
        List<String> zones;
        if (c.timezone() != null) {
            zones = List.of(c.timezone());
        } else {
            Set<String> z = new LinkedHashSet<>();
            c.phones().forEach(p -> z.addAll(p.timezones()));
            zones = List.copyOf(z);
        }
        return new ContactView(c.id().toString(), c.campaignId().toString(), c.externalId(), c.firstName(), c.lastName(),
                c.timezone(), zones, c.priority(), c.dialAfter(), c.expiresAt(), (ObjectNode) json(c.attributesJson()),
                windows(c), phones, c.state(), c.attemptCount(), c.lastResult(), c.nextDialAt(),
                c.createdAt(), c.updatedAt(), null);
    }

    private List<io.dialer.campaign.CampaignSettings.Window> windows(Contact c) {
        return c.windowsJson() == null ? null : io.dialer.platform.Json.read(mapper, c.windowsJson(),
                new com.fasterxml.jackson.core.type.TypeReference<List<io.dialer.campaign.CampaignSettings.Window>>() {
                });
    }

    private ContactInput inputOf(Contact c) {
        return new ContactInput(c.externalId(), c.firstName(), c.lastName(),
                c.phones().stream().map(p -> new ContactInput.PhoneInput(p.number(), p.type())).toList(),
                c.timezone(), c.priority(), c.dialAfter(), c.expiresAt(),
                (ObjectNode) json(c.attributesJson()), windows(c));
    }

    private JsonNode json(String s) {
        if (s == null) {
            return null;
        }
        try {
            return mapper.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Collection<String> e164s(List<ContactDraft> drafts) {
        Set<String> out = new LinkedHashSet<>();
        drafts.forEach(d -> d.phones().forEach(p -> out.add(p.e164())));
        return out;
    }

    private static List<FieldError> markedWarnings(int index, ContactDraft d, Map<String, String> marked) {
        List<FieldError> out = new ArrayList<>();
        for (int p = 0; p < d.phones().size(); p++) {
            String status = marked.get(d.phones().get(p).e164());
            if (status != null) {
                out.add(new FieldError("contacts[" + index + "].phones[" + p + "].number", "number_" + status.toLowerCase(),
                        d.phones().get(p).e164() + " is marked " + status + " for this tenant and will not be dialled"));
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static List<FieldError> prefix(String prefix, List<FieldError> errors) {
        return errors.stream().map(e -> new FieldError(prefix + e.field(), e.code(), e.message())).toList();
    }
}
