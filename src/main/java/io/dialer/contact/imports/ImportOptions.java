package io.dialer.contact.imports;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * How to read an import file. {@code mapping} names the CSV columns; without it, columns are matched by
 * header name (externalId, firstName, lastName, timezone, priority, dialAfter, expiresAt, and phone columns
 * named after their type: mobile, home, work, other; every other column becomes an attribute).
 */
@RegisterForReflection(registerFullHierarchy = true) // parsed by hand from a multipart field (native: Jackson)
public record ImportOptions(Mapping mapping, Boolean dryRun, String onDuplicate, String defaultRegion) {

    public record Mapping(String externalId, String firstName, String lastName, String timezone, String priority,
                          String dialAfter, String expiresAt, List<PhoneColumn> phones, List<String> attributes) {
    }

    public record PhoneColumn(String column, String type) {
    }

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    public OnDuplicate duplicates() {
        return onDuplicate == null ? OnDuplicate.UPDATE : OnDuplicate.valueOf(onDuplicate.toUpperCase());
    }

    /** What to do with a row whose externalId already exists (in the campaign or earlier in the file). */
    public enum OnDuplicate { UPDATE, SKIP, ERROR }
}
