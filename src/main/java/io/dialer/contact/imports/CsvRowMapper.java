package io.dialer.contact.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.campaign.CampaignValidator;
import io.dialer.contact.ContactInput;
import io.dialer.platform.FieldError;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Maps CSV records to contacts, by an explicit column mapping or by the header names. */
final class CsvRowMapper {

    private static final Set<String> PHONE_COLUMNS = Set.of("mobile", "home", "work", "other");

    private record PhoneCol(int index, String type) {
    }

    private record AttrCol(int index, String name) {
    }

    private final int columns;
    private final int externalId;
    private final int firstName;
    private final int lastName;
    private final int timezone;
    private final int priority;
    private final int dialAfter;
    private final int expiresAt;
    private final List<PhoneCol> phones;
    private final List<AttrCol> attributes;

    private CsvRowMapper(int columns, int externalId, int firstName, int lastName, int timezone, int priority,
                         int dialAfter, int expiresAt, List<PhoneCol> phones, List<AttrCol> attributes) {
        this.columns = columns;
        this.externalId = externalId;
        this.firstName = firstName;
        this.lastName = lastName;
        this.timezone = timezone;
        this.priority = priority;
        this.dialAfter = dialAfter;
        this.expiresAt = expiresAt;
        this.phones = phones;
        this.attributes = attributes;
    }

    /** Builds the mapper for this header, or lists every mapping problem (unknown columns, no phone column...). */
    static CsvRowMapper create(List<String> header, ImportOptions.Mapping mapping, List<FieldError> errors) {
        Map<String, Integer> exact = new HashMap<>();
        Map<String, Integer> folded = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (exact.putIfAbsent(h, i) != null) {
                duplicates.add(h);
            }
            folded.putIfAbsent(h.toLowerCase(Locale.ROOT), i);
        }
        duplicates.forEach(d -> errors.add(new FieldError("file", "duplicate_column", "column '" + d + "' appears twice in the header")));
        return mapping == null ? byHeader(header, folded, errors) : byMapping(header, mapping, exact, errors);
    }

    private static CsvRowMapper byHeader(List<String> header, Map<String, Integer> folded, List<FieldError> errors) {
        int ext = folded.getOrDefault("externalid", -1);
        if (ext < 0) {
            errors.add(new FieldError("file", "missing_column", "the header needs an 'externalId' column"));
        }
        List<PhoneCol> phones = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (String t : List.of("mobile", "home", "work", "other")) {
            Integer idx = folded.get(t);
            if (idx != null) {
                phones.add(new PhoneCol(idx, t.toUpperCase(Locale.ROOT)));
                used.add(idx);
            }
        }
        if (phones.isEmpty()) {
            errors.add(new FieldError("file", "missing_column", "the header needs at least one phone column: mobile, home, work or other"));
        }
        int first = folded.getOrDefault("firstname", -1);
        int last = folded.getOrDefault("lastname", -1);
        int tz = folded.getOrDefault("timezone", -1);
        int prio = folded.getOrDefault("priority", -1);
        int after = folded.getOrDefault("dialafter", -1);
        int expires = folded.getOrDefault("expiresat", -1);
        used.addAll(List.of(ext, first, last, tz, prio, after, expires));
        List<AttrCol> attrs = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!used.contains(i) && !PHONE_COLUMNS.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                attrs.add(new AttrCol(i, header.get(i)));
            }
        }
        return new CsvRowMapper(header.size(), ext, first, last, tz, prio, after, expires, phones, attrs);
    }

    private static CsvRowMapper byMapping(List<String> header, ImportOptions.Mapping m, Map<String, Integer> exact,
                                          List<FieldError> errors) {
        int ext = column(exact, m.externalId(), "options.mapping.externalId", true, errors);
        List<PhoneCol> phones = new ArrayList<>();
        if (m.phones() == null || m.phones().isEmpty()) {
            errors.add(new FieldError("options.mapping.phones", "required", "map at least one phone column"));
        } else {
            for (int i = 0; i < m.phones().size(); i++) {
                ImportOptions.PhoneColumn pc = m.phones().get(i);
                String path = "options.mapping.phones[" + i + "]";
                if (pc == null) {
                    errors.add(new FieldError(path, "required", "must be {column, type}"));
                    continue;
                }
                int idx = column(exact, pc.column(), path + ".column", true, errors);
                String type = pc.type() == null ? "OTHER" : pc.type().toUpperCase(Locale.ROOT);
                if (!CampaignValidator.PHONE_TYPES.contains(type)) {
                    errors.add(new FieldError(path + ".type", "invalid_value", "must be one of HOME, MOBILE, OTHER, WORK"));
                }
                phones.add(new PhoneCol(idx, type));
            }
        }
        List<AttrCol> attrs = new ArrayList<>();
        if (m.attributes() != null) {
            for (int i = 0; i < m.attributes().size(); i++) {
                int idx = column(exact, m.attributes().get(i), "options.mapping.attributes[" + i + "]", true, errors);
                if (idx >= 0) {
                    attrs.add(new AttrCol(idx, header.get(idx)));
                }
            }
        }
        return new CsvRowMapper(header.size(), ext,
                column(exact, m.firstName(), "options.mapping.firstName", false, errors),
                column(exact, m.lastName(), "options.mapping.lastName", false, errors),
                column(exact, m.timezone(), "options.mapping.timezone", false, errors),
                column(exact, m.priority(), "options.mapping.priority", false, errors),
                column(exact, m.dialAfter(), "options.mapping.dialAfter", false, errors),
                column(exact, m.expiresAt(), "options.mapping.expiresAt", false, errors),
                phones, attrs);
    }

    private static int column(Map<String, Integer> exact, String name, String path, boolean required, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            if (required) {
                errors.add(new FieldError(path, "required", "name the column"));
            }
            return -1;
        }
        Integer idx = exact.get(name);
        if (idx == null) {
            errors.add(new FieldError(path, "unknown_column", "the file has no column '" + name + "'"));
            return -1;
        }
        return idx;
    }

    /** Maps one record; cell-level problems (wrong field count, bad date or number) go to {@code errors}. */
    ContactInput map(String[] row, List<FieldError> errors) {
        if (row.length != columns) {
            errors.add(new FieldError("row", "field_count", "has " + row.length + " fields, the header has " + columns));
            return null;
        }
        List<ContactInput.PhoneInput> phoneInputs = new ArrayList<>(phones.size());
        for (PhoneCol p : phones) {
            String v = cell(row, p.index());
            if (v != null) {
                phoneInputs.add(new ContactInput.PhoneInput(v, p.type()));
            }
        }
        ObjectNode attrs = null;
        if (!attributes.isEmpty()) {
            attrs = JsonNodeFactory.instance.objectNode();
            for (AttrCol a : attributes) {
                String v = cell(row, a.index());
                if (v != null) {
                    attrs.put(a.name(), v);
                }
            }
            if (attrs.isEmpty()) {
                attrs = null;
            }
        }
        Integer prio = null;
        String prioText = cell(row, priority);
        if (prioText != null) {
            try {
                prio = Integer.parseInt(prioText);
            } catch (NumberFormatException e) {
                errors.add(new FieldError("priority", "invalid_number", "'" + prioText + "' is not a whole number"));
            }
        }
        return new ContactInput(cell(row, externalId), cell(row, firstName), cell(row, lastName), phoneInputs,
                cell(row, timezone), prio, instant(row, dialAfter, "dialAfter", errors),
                instant(row, expiresAt, "expiresAt", errors), attrs, null);
    }

    String externalId(String[] row) {
        return externalId >= 0 && externalId < row.length ? cell(row, externalId) : null;
    }

    private static Instant instant(String[] row, int idx, String field, List<FieldError> errors) {
        String v = cell(row, idx);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "invalid_time", "'" + v + "' is not an RFC 3339 UTC time such as 2026-12-01T09:00:00Z"));
            return null;
        }
    }

    private static String cell(String[] row, int idx) {
        if (idx < 0) {
            return null;
        }
        String v = row[idx];
        if (v == null) {
            return null;
        }
        String t = v.strip();
        return t.isEmpty() ? null : t;
    }
}
