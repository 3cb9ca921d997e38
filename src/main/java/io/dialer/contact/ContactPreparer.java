package io.dialer.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.campaign.CampaignValidator;
import io.dialer.contact.phone.NormalizedPhone;
import io.dialer.contact.phone.PhoneNormalizer;
import io.dialer.contact.phone.PhoneParseResult;
import io.dialer.platform.FieldError;
import io.dialer.platform.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what the CRM sent into a {@link ContactDraft}, or into the complete list of what is wrong with it.
 * The JSON batch and the file import share it, so both accept and reject exactly the same contacts.
 */
public final class ContactPreparer {

    public static final int MAX_PHONES = 10;
    private static final int MAX_ATTRIBUTES_CHARS = 16_384;

    public sealed interface Prepared {
        record Valid(ContactDraft draft) implements Prepared {
        }

        record Rejected(List<FieldError> errors) implements Prepared {
        }
    }

    private final ObjectMapper mapper;
    private final PhoneNormalizer phones;

    public ContactPreparer(ObjectMapper mapper) {
        this.mapper = mapper;
        this.phones = PhoneNormalizer.shared();
    }

    public Prepared prepare(ContactInput in, String defaultRegion) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            return new Prepared.Rejected(List.of(new FieldError("", "required", "must be a contact object")));
        }
        String externalId = trimToNull(in.externalId());
        if (externalId == null) {
            errors.add(new FieldError("externalId", "required", "is required (the CRM's id of the contact)"));
        } else if (externalId.length() > 200) {
            errors.add(new FieldError("externalId", "too_long", "must be at most 200 characters"));
        }
        length(errors, "firstName", in.firstName(), 200);
        length(errors, "lastName", in.lastName(), 200);
        String timezone = trimToNull(in.timezone());
        if (timezone != null && !CampaignValidator.validZone(timezone)) {
            errors.add(new FieldError("timezone", "invalid_timezone", "must be an IANA time zone such as America/Chicago"));
        }
        int priority = in.priority() == null ? 0 : in.priority();
        if (priority < 0 || priority > 1000) {
            errors.add(new FieldError("priority", "out_of_range", "must be between 0 and 1000 (higher is called first)"));
        }
        if (in.dialAfter() != null && in.expiresAt() != null && !in.expiresAt().isAfter(in.dialAfter())) {
            errors.add(new FieldError("expiresAt", "before_dial_after", "must be after dialAfter"));
        }
        errors.addAll(CampaignValidator.windowErrors("windows", in.windows()));
        String attributes = in.attributes() == null ? null : attributesJson(in.attributes());
        if (attributes != null && attributes.length() > MAX_ATTRIBUTES_CHARS) {
            errors.add(new FieldError("attributes", "too_large", "must be at most " + MAX_ATTRIBUTES_CHARS + " characters of JSON"));
        }
        List<StoredPhone> stored = phones(in.phones(), defaultRegion, errors);
        if (!errors.isEmpty()) {
            return new Prepared.Rejected(errors);
        }
        return new Prepared.Valid(new ContactDraft(externalId, trimToNull(in.firstName()), trimToNull(in.lastName()),
                timezone, priority, in.dialAfter(), in.expiresAt(), attributes,
                in.windows() == null ? null : Json.write(mapper, in.windows()), stored));
    }

    private List<StoredPhone> phones(List<ContactInput.PhoneInput> input, String defaultRegion, List<FieldError> errors) {
        if (input == null || input.isEmpty()) {
            errors.add(new FieldError("phones", "required", "needs at least one phone number"));
            return List.of();
        }
        if (input.size() > MAX_PHONES) {
            errors.add(new FieldError("phones", "too_many", "at most " + MAX_PHONES + " numbers per contact"));
            return List.of();
        }
        List<StoredPhone> out = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            ContactInput.PhoneInput p = input.get(i);
            String path = "phones[" + i + "]";
            if (p == null) {
                errors.add(new FieldError(path, "required", "must be an object with number and type"));
                continue;
            }
            String type = p.type() == null ? "OTHER" : p.type().strip().toUpperCase(Locale.ROOT);
            if (!CampaignValidator.PHONE_TYPES.contains(type)) {
                errors.add(new FieldError(path + ".type", "invalid_value", "must be one of HOME, MOBILE, OTHER, WORK"));
            }
            PhoneParseResult parsed = phones.normalize(p.number(), defaultRegion);
            if (parsed instanceof PhoneParseResult.Valid v) {
                NormalizedPhone n = v.phone();
                if (containsNumber(out, n.e164())) {
                    errors.add(new FieldError(path + ".number", "duplicate", "is the same number as an earlier phone"));
                } else {
                    out.add(new StoredPhone(p.number().strip(), type, n.e164(), n.numberType(), n.region(), n.timezones()));
                }
            } else if (parsed instanceof PhoneParseResult.Invalid bad) {
                errors.add(new FieldError(path + ".number", bad.code().toLowerCase(Locale.ROOT), bad.message()));
            }
        }
        return out;
    }

    private static boolean containsNumber(List<StoredPhone> phones, String e164) {
        for (StoredPhone p : phones) {
            if (p.e164().equals(e164)) {
                return true;
            }
        }
        return false;
    }

    /** Flat text attributes (every CSV import) are written by hand: Jackson's generator costs more than the row. */
    private String attributesJson(com.fasterxml.jackson.databind.node.ObjectNode attributes) {
        StringBuilder sb = new StringBuilder(64).append('{');
        var fields = attributes.fields();
        boolean first = true;
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                return Json.write(mapper, attributes);
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            io.dialer.platform.JsonText.string(sb, field.getKey());
            sb.append(':');
            io.dialer.platform.JsonText.string(sb, field.getValue().textValue());
        }
        return sb.append('}').toString();
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "too_long", "must be at most " + max + " characters"));
        }
    }

    static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
