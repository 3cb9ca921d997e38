package io.dialer.contact.imports;

/** The CSV input cannot be read past {@link #row()}; the import job fails with this message. */
public final class CsvFormatException extends Exception {

    private final long row;

    public CsvFormatException(long row, String message) {
        super(message);
        this.row = row;
    }

    /** Row number as in {@link CsvReader#rowNumber()}: the header is row 1. */
    public long row() {
        return row;
    }
}
