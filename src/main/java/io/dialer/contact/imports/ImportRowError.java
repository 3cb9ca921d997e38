package io.dialer.contact.imports;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One problem with one row: ERROR rows were rejected; WARNING rows were imported with a remark. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportRowError(long rowNumber, String externalId, String field, String code, String message,
                             String severity) {

    static ImportRowError error(long row, String externalId, String field, String code, String message) {
        return new ImportRowError(row, externalId, field, code, message, "ERROR");
    }
}
