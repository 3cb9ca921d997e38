package io.dialer.contact.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void reads_comma_separated_file_with_trimmed_header() throws Exception {
        try (CsvReader csv = open(" externalId , firstName,mobile\nc1,Ann,+1 312 555 0142\nc2,Bob,\n")) {
            assertEquals(',', csv.delimiter());
            assertEquals(List.of("externalId", "firstName", "mobile"), csv.header());
            assertEquals(1, csv.rowNumber());
            assertArrayEquals(new String[] {"c1", "Ann", "+1 312 555 0142"}, csv.next());
            assertEquals(2, csv.rowNumber());
            assertArrayEquals(new String[] {"c2", "Bob", ""}, csv.next());
            assertEquals(3, csv.rowNumber());
            assertNull(csv.next());
            assertNull(csv.next());
        }
    }

    @Test
    void detects_semicolon() throws Exception {
        try (CsvReader csv = open("id;name;note\n1;Ann;a,b,c\n")) {
            assertEquals(';', csv.delimiter());
            assertArrayEquals(new String[] {"1", "Ann", "a,b,c"}, csv.next());
        }
    }

    @Test
    void detects_tab() throws Exception {
        try (CsvReader csv = open("id\tname\tnote\n1\tAnn\tx;y\n")) {
            assertEquals('\t', csv.delimiter());
            assertArrayEquals(new String[] {"1", "Ann", "x;y"}, csv.next());
        }
    }

    @Test
    void delimiters_inside_quoted_header_names_do_not_count() throws Exception {
        try (CsvReader csv = open("\"a,b,c\";\"d\";e\n1;2;3\n")) {
            assertEquals(';', csv.delimiter());
            assertEquals(List.of("a,b,c", "d", "e"), csv.header());
        }
    }

    @Test
    void single_column_file_defaults_to_comma() throws Exception {
        try (CsvReader csv = open("mobile\n+13125550142\n")) {
            assertEquals(',', csv.delimiter());
            assertArrayEquals(new String[] {"+13125550142"}, csv.next());
        }
    }

    @Test
    void skips_utf8_bom_and_keeps_non_ascii_text() throws Exception {
        byte[] body = "id,name\n1,Zoë Müller\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(withBom))) {
            assertEquals(List.of("id", "name"), csv.header());
            assertArrayEquals(new String[] {"1", "Zoë Müller"}, csv.next());
        }
    }

    @Test
    void handles_crlf_and_lone_cr_line_ends() throws Exception {
        try (CsvReader csv = open("a,b\r\n1,2\r\n3,4\r5,6")) {
            assertArrayEquals(new String[] {"1", "2"}, csv.next());
            assertArrayEquals(new String[] {"3", "4"}, csv.next());
            assertArrayEquals(new String[] {"5", "6"}, csv.next());
            assertEquals(4, csv.rowNumber());
            assertNull(csv.next());
        }
    }

    @Test
    void quoted_fields_keep_delimiters_line_breaks_and_escaped_quotes() throws Exception {
        try (CsvReader csv = open("id,name,note\n1,\"Smith, Jr.\",\"line one\r\nline two\nline three\"\n2,\"Robert \"\"Bob\"\"\",\"\"\n")) {
            assertArrayEquals(new String[] {"1", "Smith, Jr.", "line one\r\nline two\nline three"}, csv.next());
            assertEquals(2, csv.rowNumber());
            assertArrayEquals(new String[] {"2", "Robert \"Bob\"", ""}, csv.next());
            assertEquals(3, csv.rowNumber(), "a multi-line record counts as one row");
            assertNull(csv.next());
        }
    }

    @Test
    void quoted_last_field_at_end_of_input() throws Exception {
        try (CsvReader csv = open("a,b\n1,\"x\"\"\"")) {
            assertArrayEquals(new String[] {"1", "x\""}, csv.next());
            assertNull(csv.next());
        }
    }

    @Test
    void skips_empty_lines_without_counting_them() throws Exception {
        try (CsvReader csv = open("\n\r\na,b\n\n1,2\n\r\n\n3,4\n\n")) {
            assertEquals(List.of("a", "b"), csv.header());
            assertArrayEquals(new String[] {"1", "2"}, csv.next());
            assertEquals(2, csv.rowNumber());
            assertArrayEquals(new String[] {"3", "4"}, csv.next());
            assertEquals(3, csv.rowNumber());
            assertNull(csv.next());
        }
    }

    @Test
    void returns_short_and_long_rows_as_they_are() throws Exception {
        try (CsvReader csv = open("a,b,c\n1\n1,2,3,4\n,,\n1,2,")) {
            assertArrayEquals(new String[] {"1"}, csv.next());
            assertArrayEquals(new String[] {"1", "2", "3", "4"}, csv.next());
            assertArrayEquals(new String[] {"", "", ""}, csv.next());
            assertArrayEquals(new String[] {"1", "2", ""}, csv.next());
            assertNull(csv.next());
        }
    }

    @Test
    void unterminated_quote_fails_with_the_row_it_opened_in() throws Exception {
        try (CsvReader csv = open("a,b\n1,2\n3,\"open\nstill open\n4,5\n")) {
            csv.next();
            CsvFormatException e = assertThrows(CsvFormatException.class, csv::next);
            assertEquals(3, e.row());
            assertTrue(e.getMessage().contains("not closed"), e.getMessage());
        }
    }

    @Test
    void stray_quote_in_unquoted_field_fails() throws Exception {
        try (CsvReader csv = open("a,b\n1,2\n3,ab\"c\n")) {
            csv.next();
            CsvFormatException e = assertThrows(CsvFormatException.class, csv::next);
            assertEquals(3, e.row());
            assertTrue(e.getMessage().contains("field 2"), e.getMessage());
        }
    }

    @Test
    void text_after_closing_quote_fails() throws Exception {
        try (CsvReader csv = open("a,b\n\"x\"y,2\n")) {
            CsvFormatException e = assertThrows(CsvFormatException.class, csv::next);
            assertEquals(2, e.row());
        }
    }

    @Test
    void bad_utf8_fails_with_its_row() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a,b\n1,ok\n2,\"multi\nline\"\n3,caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // ISO-8859-1 é
        bytes.writeBytes("\n5,x\n".getBytes(StandardCharsets.UTF_8));
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertArrayEquals(new String[] {"1", "ok"}, csv.next());
            assertArrayEquals(new String[] {"2", "multi\nline"}, csv.next());
            CsvFormatException e = assertThrows(CsvFormatException.class, csv::next);
            assertEquals(4, e.row());
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        }
    }

    @Test
    void bad_utf8_in_header_is_row_1() {
        byte[] bytes = {'a', ',', (byte) 0xFF, '\n', '1', ',', '2', '\n'};
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvReader.open(new ByteArrayInputStream(bytes)));
        assertEquals(1, e.row());
    }

    @Test
    void truncated_multibyte_character_at_end_is_bad_utf8() throws Exception {
        byte[] bytes = {'a', '\n', 'x', (byte) 0xC3};
        try (CsvReader csv = CsvReader.open(new ByteArrayInputStream(bytes))) {
            CsvFormatException e = assertThrows(CsvFormatException.class, csv::next);
            assertEquals(2, e.row());
        }
    }

    @Test
    void empty_input_has_no_header() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> open("\n\n"));
        assertEquals(1, e.row());
    }

    @Test
    void header_only_file_has_no_records() throws Exception {
        try (CsvReader csv = open("a,b")) {
            assertEquals(List.of("a", "b"), csv.header());
            assertNull(csv.next());
        }
    }

    @Test
    void records_spanning_buffer_refills_and_a_trickling_stream() throws Exception {
        StringBuilder text = new StringBuilder("id,name,note\n");
        List<String[]> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String note = i % 7 == 0 ? "multi\nline, \"quoted\" é" : "n" + i;
            String[] record = {"id" + i, "Name " + i, note};
            expected.add(record);
            text.append(record[0]).append(',').append(record[1]).append(",\"").append(note.replace("\"", "\"\"")).append("\"\n");
        }
        String big = "x".repeat(200_000); // a field larger than the initial buffer
        text.append("big,").append(big).append(",\"").append(big).append("\"\n");
        expected.add(new String[] {"big", big, big});

        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (CsvReader csv = CsvReader.open(new TricklingInputStream(bytes))) {
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), csv.next(), "record " + i);
                assertEquals(i + 2, csv.rowNumber());
            }
            assertNull(csv.next());
        }
    }

    @Test
    void an_over_long_record_fails_instead_of_buffering_the_whole_input() throws Exception {
        String text = "a,b\n1,\"" + "x".repeat(CsvReader.MAX_RECORD_CHARS + 10);
        try (CsvReader csv = open(text)) {
            CsvFormatException e = assertThrows(CsvFormatException.class, csv::next);
            assertEquals(2, e.row());
        }
    }

    private static CsvReader open(String text) throws CsvFormatException {
        return CsvReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hands out at most 7 bytes per read, so buffer boundaries fall inside characters, quotes and CRLFs. */
    private static final class TricklingInputStream extends InputStream {
        private final byte[] bytes;
        private int position;

        TricklingInputStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 7), bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }
    }
}
