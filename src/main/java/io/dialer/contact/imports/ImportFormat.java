package io.dialer.contact.imports;

/** File formats an import accepts. */
final class ImportFormat {
    static final String CSV = "CSV";
    static final String NDJSON = "NDJSON";

    private ImportFormat() {
    }
}
