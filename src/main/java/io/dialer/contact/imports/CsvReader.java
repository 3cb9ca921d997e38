package io.dialer.contact.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 CSV reader for contact imports.
 *
 * <ul>
 *   <li>Input is strict UTF-8; an optional BOM is skipped. Bad bytes fail with the row that holds them.</li>
 *   <li>The first non-empty line is the header. The delimiter is the one of {@code , ; TAB} that occurs most often
 *       outside quotes in the header (ties: comma, then semicolon, then tab; none at all: comma).</li>
 *   <li>Fields may be quoted; inside quotes {@code ""} is a quote and delimiters and line breaks (CR, LF, CRLF) are
 *       data. A quote inside an unquoted field, text after a closing quote, or a quote still open at the end of the
 *       input are format errors.</li>
 *   <li>Records end at CR, LF or CRLF. Completely empty lines are skipped and do not count as rows. Records with more or
 *       fewer fields than the header are returned as they are.</li>
 *   <li>Row numbers count records: the header is row 1, the first data record row 2, whatever line breaks quoted
 *       fields contain.</li>
 * </ul>
 *
 * <p>Not thread-safe. I/O errors of the underlying stream surface as {@link UncheckedIOException}.
 */
public final class CsvReader implements Closeable {

    /** Longer records are refused rather than buffered, so a quote left open cannot pull a whole file into memory. */
    static final int MAX_RECORD_CHARS = 1 << 20;
    private static final int INITIAL_BUFFER_CHARS = 1 << 16;
    private static final char[] DELIMITER_CANDIDATES = {',', ';', '\t'};
    private static final int NEED_MORE_INPUT = -1;

    private final StrictUtf8Source source;
    private char[] buffer = new char[INITIAL_BUFFER_CHARS];
    private int position;
    private int limit;
    private boolean endOfInput;
    private char delimiter;
    private List<String> header;
    private long rowNumber;
    private final ArrayList<String> fields = new ArrayList<>(16);

    private CsvReader(InputStream in) {
        this.source = new StrictUtf8Source(in);
    }

    public static CsvReader open(InputStream in) throws CsvFormatException {
        CsvReader reader = new CsvReader(in);
        reader.readHeader();
        return reader;
    }

    /** Header names, trimmed, in file order. */
    public List<String> header() {
        return header;
    }

    public char delimiter() {
        return delimiter;
    }

    /** Row number of the record last returned by {@link #next()}; 1 (the header) before the first call. */
    public long rowNumber() {
        return rowNumber;
    }

    /** The next record, or null at the end of the input. */
    public String[] next() throws CsvFormatException {
        if (!skipEmptyLines()) {
            return null;
        }
        // position stays at the record start until parseRecord completes; fill() moves the record to the buffer front.
        // When fill() finds the end of the input the record is parsed once more, now knowing it ends there.
        while (parseRecord(position) == NEED_MORE_INPUT) {
            fill(position);
        }
        rowNumber++;
        return fields.toArray(new String[0]);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private void readHeader() throws CsvFormatException {
        if (!fill(0)) {
            throw new CsvFormatException(1, "The CSV input is empty; the first row must be the header");
        }
        if (buffer[position] == '\uFEFF') {
            position++;
        }
        if (!skipEmptyLines()) {
            throw new CsvFormatException(1, "The CSV input is empty; the first row must be the header");
        }
        delimiter = detectDelimiter();
        String[] names = next();
        List<String> trimmed = new ArrayList<>(names.length);
        for (String name : names) {
            trimmed.add(name.strip());
        }
        header = List.copyOf(trimmed);
    }

    /** Counts the candidates outside quotes in the first line, reading more input until the whole line is buffered. */
    private char detectDelimiter() throws CsvFormatException {
        while (true) {
            int[] counts = new int[DELIMITER_CANDIDATES.length];
            boolean quoted = false;
            int p = position;
            for (; p < limit; p++) {
                char c = buffer[p];
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted) {
                    if (c == '\n' || c == '\r') {
                        break;
                    }
                    for (int i = 0; i < DELIMITER_CANDIDATES.length; i++) {
                        if (c == DELIMITER_CANDIDATES[i]) {
                            counts[i]++;
                        }
                    }
                }
            }
            if (p < limit || endOfInput || !fill(position)) {
                int best = 0;
                for (int i = 1; i < counts.length; i++) {
                    if (counts[i] > counts[best]) {
                        best = i;
                    }
                }
                return DELIMITER_CANDIDATES[best];
            }
        }
    }

    /** Moves past CR/LF at the start of a record; false when the input ends first. */
    private boolean skipEmptyLines() throws CsvFormatException {
        while (true) {
            while (position < limit && (buffer[position] == '\n' || buffer[position] == '\r')) {
                position++;
            }
            if (position < limit) {
                return true;
            }
            if (!fill(position)) {
                return false;
            }
        }
    }

    /**
     * Parses one record starting at {@code start} into {@link #fields}. Returns the position after it, or
     * {@link #NEED_MORE_INPUT} when the buffer ends before the record does and more input may follow; the caller then
     * refills and parses the record again from its start.
     */
    private int parseRecord(int start) throws CsvFormatException {
        fields.clear();
        final char[] buf = buffer;
        final int end = limit;
        final char delim = delimiter;
        int p = start;
        while (true) {
            if (p == end) { // after a delimiter at the end of the buffer
                if (!endOfInput) {
                    return NEED_MORE_INPUT;
                }
                fields.add("");
                return position = p;
            }
            if (buf[p] == '"') {
                int closing = findClosingQuote(buf, p + 1, end);
                if (closing == NEED_MORE_INPUT) {
                    return NEED_MORE_INPUT;
                }
                fields.add(unescapeQuoted(buf, p + 1, closing));
                p = closing + 1;
                if (p == end) {
                    if (!endOfInput) {
                        return NEED_MORE_INPUT;
                    }
                    return position = p;
                }
                char c = buf[p];
                if (c == delim) {
                    p++;
                } else if (c == '\n' || c == '\r') {
                    return position = p + 1;
                } else {
                    throw new CsvFormatException(rowNumber + 1, "Row " + (rowNumber + 1) + ", field " + fields.size()
                            + ": unexpected character '" + c + "' after a closing quote; a quoted field must end at a delimiter or line end");
                }
            } else {
                int q = p;
                char c = 0;
                while (q < end) {
                    c = buf[q];
                    if (c == delim || c == '\n' || c == '\r' || c == '"') {
                        break;
                    }
                    q++;
                }
                if (q == end) {
                    if (!endOfInput) {
                        return NEED_MORE_INPUT;
                    }
                    fields.add(text(buf, p, q));
                    return position = q;
                }
                if (c == '"') {
                    throw new CsvFormatException(rowNumber + 1, "Row " + (rowNumber + 1) + ", field " + (fields.size() + 1)
                            + ": stray quote in an unquoted field; quote the whole field and double the quotes inside (\"\")");
                }
                fields.add(text(buf, p, q));
                if (c == delim) {
                    p = q + 1;
                } else {
                    return position = q + 1;
                }
            }
        }
    }

    /** Index of the quote closing a field whose content starts at {@code from}, skipping {@code ""} pairs. */
    private int findClosingQuote(char[] buf, int from, int end) throws CsvFormatException {
        int q = from;
        while (true) {
            while (q < end && buf[q] != '"') {
                q++;
            }
            if (q + 1 >= end) { // the quote (or end of buffer) is last: need to see the next char to decide
                if (!endOfInput) {
                    return NEED_MORE_INPUT;
                }
                if (q < end) {
                    return q;
                }
                throw new CsvFormatException(rowNumber + 1, "Row " + (rowNumber + 1) + ", field " + (fields.size() + 1)
                        + ": quoted field is not closed before the end of the input");
            }
            if (buf[q + 1] != '"') {
                return q;
            }
            q += 2;
        }
    }

    private static String unescapeQuoted(char[] buf, int from, int to) {
        int firstQuote = from;
        while (firstQuote < to && buf[firstQuote] != '"') {
            firstQuote++;
        }
        if (firstQuote == to) {
            return text(buf, from, to);
        }
        StringBuilder value = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = buf[i];
            value.append(c);
            if (c == '"') {
                i++; // the second quote of the "" pair
            }
        }
        return value.toString();
    }

    private static String text(char[] buf, int from, int to) {
        return from == to ? "" : new String(buf, from, to - from);
    }

    /**
     * Keeps {@code buffer[keepFrom…limit)}, moves it to the front and reads more chars after it, growing the buffer when
     * the kept part fills it. Returns false (and sets {@link #endOfInput}) when nothing more could be read.
     */
    private boolean fill(int keepFrom) throws CsvFormatException {
        if (endOfInput) {
            return false;
        }
        int kept = limit - keepFrom;
        if (kept == buffer.length) {
            if (buffer.length >= MAX_RECORD_CHARS) {
                throw new CsvFormatException(rowNumber + 1, "Row " + (rowNumber + 1) + " is longer than " + MAX_RECORD_CHARS
                        + " characters; is a quote left open?");
            }
            char[] larger = new char[buffer.length * 2];
            System.arraycopy(buffer, keepFrom, larger, 0, kept);
            buffer = larger;
        } else if (keepFrom > 0) {
            System.arraycopy(buffer, keepFrom, buffer, 0, kept);
        }
        position -= keepFrom;
        limit = kept;
        int n;
        try {
            n = source.read(buffer, limit, buffer.length - limit);
        } catch (InvalidUtf8Exception e) {
            throw new CsvFormatException(rowNumber + 1, "Row " + (rowNumber + 1) + " is not valid UTF-8 (bad byte sequence at byte offset "
                    + e.byteOffset() + "); save the file as UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        limit += n;
        return true;
    }
}
