package io.dialer.contact.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Streaming reader for newline-delimited JSON: one object per line.
 *
 * <p>Input is strict UTF-8; an optional BOM is skipped. Lines end at LF, CR or CRLF and are numbered from 1; blank
 * (white-space only) lines are skipped but counted. A
 * line that is not a single JSON object, or is longer than {@link #MAX_LINE_CHARS}, comes back as
 * {@link Line.Malformed} and reading goes on. Input that is not UTF-8 fails the whole read with an
 * {@link IOException} naming the line. Not thread-safe.
 */
public final class NdjsonReader implements Closeable {

    static final int MAX_LINE_CHARS = 1 << 20;
    private static final int INITIAL_BUFFER_CHARS = 1 << 16;

    public sealed interface Line {

        long rowNumber();

        record Obj(long rowNumber, ObjectNode value) implements Line {
        }

        /** The line is not a JSON object; {@code message} says why, for the per-row error report. */
        record Malformed(long rowNumber, String message) implements Line {
        }
    }

    private final StrictUtf8Source source;
    private final ObjectMapper mapper;
    private char[] buffer = new char[INITIAL_BUFFER_CHARS];
    private int position;
    private int limit;
    private boolean endOfInput;
    /** The previous line ended with CR: a LF right after it belongs to the same line break. */
    private boolean afterCarriageReturn;
    private long lineNumber;

    private NdjsonReader(InputStream in, ObjectMapper mapper) {
        this.source = new StrictUtf8Source(in);
        this.mapper = mapper;
    }

    public static NdjsonReader open(InputStream in, ObjectMapper mapper) {
        return new NdjsonReader(in, mapper);
    }

    /** The next non-blank line, or null at the end of the input. */
    public Line next() throws IOException {
        while (true) {
            if (position == limit && !fill(position)) {
                return null;
            }
            if (lineNumber == 0 && !afterCarriageReturn && position == 0 && buffer[0] == '\uFEFF') {
                position++; // UTF-8 byte order mark
                continue;
            }
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            Line line = readLine();
            if (line != null) {
                return line;
            }
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** Reads one physical line; null when it is blank. */
    private Line readLine() throws IOException {
        int start = position;
        int end = start;
        boolean tooLong = false;
        while (true) {
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            if (end < limit || endOfInput) {
                break;
            }
            if (limit - start >= MAX_LINE_CHARS) {
                tooLong = true; // drop what we have, keep looking for the line end
                start = limit;
            }
            end -= start;
            fill(start);
            start = 0;
        }
        lineNumber++;
        if (end < limit) {
            afterCarriageReturn = buffer[end] == '\r';
            position = end + 1;
        } else {
            position = end;
        }
        if (tooLong) {
            return new Line.Malformed(lineNumber, "line is longer than " + MAX_LINE_CHARS + " characters");
        }
        if (isBlank(start, end)) {
            return null;
        }
        return parse(start, end);
    }

    private Line parse(int start, int end) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(buffer, start, end - start)) {
            JsonNode node = mapper.readTree(parser);
            if (!(node instanceof ObjectNode object)) {
                return new Line.Malformed(lineNumber, "expected a JSON object but found " + describe(node));
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                return new Line.Malformed(lineNumber, "unexpected content after the JSON object at column "
                        + parser.currentLocation().getColumnNr());
            }
            return new Line.Obj(lineNumber, object);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at column " + location.getColumnNr();
            return new Line.Malformed(lineNumber, "invalid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private boolean isBlank(int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(buffer[i])) {
                return false;
            }
        }
        return true;
    }

    /** Same contract as in {@link CsvReader}: keep {@code buffer[keepFrom…limit)} at the front, read more after it. */
    private boolean fill(int keepFrom) throws IOException {
        if (endOfInput) {
            return false;
        }
        int kept = limit - keepFrom;
        if (kept == buffer.length) {
            char[] larger = new char[buffer.length * 2];
            System.arraycopy(buffer, keepFrom, larger, 0, kept);
            buffer = larger;
        } else if (keepFrom > 0) {
            System.arraycopy(buffer, keepFrom, buffer, 0, kept);
        }
        position = Math.max(0, position - keepFrom);
        limit = kept;
        int n;
        try {
            n = source.read(buffer, limit, buffer.length - limit);
        } catch (InvalidUtf8Exception e) {
            throw new IOException("NDJSON line " + (lineNumber + 1) + " is not valid UTF-8 (bad byte sequence at byte offset "
                    + e.byteOffset() + ")", e);
        }
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        limit += n;
        return true;
    }
}
