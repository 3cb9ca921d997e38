package io.dialer.contact.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dialer.contact.imports.NdjsonReader.Line;

class NdjsonReaderTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void reads_objects_with_physical_line_numbers_and_skips_blank_lines() throws IOException {
        try (NdjsonReader reader = open("{\"externalId\":\"c1\",\"phones\":[{\"number\":\"+13125550142\"}]}\n\n   \r\n{\"externalId\":\"c2\"}\r\n")) {
            Line.Obj first = assertInstanceOf(Line.Obj.class, reader.next());
            assertEquals(1, first.rowNumber());
            assertEquals("c1", first.value().get("externalId").asText());
            assertEquals("+13125550142", first.value().at("/phones/0/number").asText());
            Line.Obj second = assertInstanceOf(Line.Obj.class, reader.next());
            assertEquals(4, second.rowNumber());
            assertEquals("c2", second.value().get("externalId").asText());
            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void malformed_lines_are_reported_and_reading_continues() throws IOException {
        try (NdjsonReader reader = open("{\"a\":1}\n{\"a\":\n[1,2]\n\"text\"\n{\"a\":1} {\"b\":2}\n{\"ok\":true}")) {
            assertEquals(1, assertInstanceOf(Line.Obj.class, reader.next()).rowNumber());
            Line.Malformed broken = assertInstanceOf(Line.Malformed.class, reader.next());
            assertEquals(2, broken.rowNumber());
            assertTrue(broken.message().startsWith("invalid JSON"), broken.message());
            Line.Malformed array = assertInstanceOf(Line.Malformed.class, reader.next());
            assertEquals(3, array.rowNumber());
            assertEquals("expected a JSON object but found an array", array.message());
            assertEquals(4, assertInstanceOf(Line.Malformed.class, reader.next()).rowNumber());
            Line.Malformed twoObjects = assertInstanceOf(Line.Malformed.class, reader.next());
            assertEquals(5, twoObjects.rowNumber());
            assertTrue(twoObjects.message().contains("after the JSON object"), twoObjects.message());
            Line.Obj last = assertInstanceOf(Line.Obj.class, reader.next());
            assertEquals(6, last.rowNumber());
            assertNull(reader.next());
        }
    }

    @Test
    void skips_a_byte_order_mark() throws IOException {
        try (NdjsonReader reader = open("\uFEFF{\"n\":1}\n")) {
            Line.Obj line = assertInstanceOf(Line.Obj.class, reader.next());
            assertEquals(1, line.rowNumber());
            assertNull(reader.next());
        }
    }

    @Test
    void lone_cr_and_crlf_count_as_one_line_break_each() throws IOException {
        try (NdjsonReader reader = open("{\"n\":1}\r{\"n\":2}\r\n{\"n\":3}\n")) {
            assertEquals(1, reader.next().rowNumber());
            assertEquals(2, reader.next().rowNumber());
            assertEquals(3, reader.next().rowNumber());
            assertNull(reader.next());
        }
    }

    @Test
    void bad_utf8_fails_the_read_naming_the_line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"a\":1}\n{\"a\":2}\n{\"name\":\"caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        try (NdjsonReader reader = NdjsonReader.open(new ByteArrayInputStream(bytes.toByteArray()), mapper)) {
            reader.next();
            reader.next();
            IOException e = assertThrows(IOException.class, reader::next);
            assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("UTF-8"), e.getMessage());
        }
    }

    @Test
    void over_long_line_is_malformed_and_reading_continues() throws IOException {
        String longLine = "{\"a\":\"" + "x".repeat(NdjsonReader.MAX_LINE_CHARS + 100) + "\"}";
        try (NdjsonReader reader = open(longLine + "\n{\"b\":1}\n")) {
            Line.Malformed tooLong = assertInstanceOf(Line.Malformed.class, reader.next());
            assertEquals(1, tooLong.rowNumber());
            Line.Obj next = assertInstanceOf(Line.Obj.class, reader.next());
            assertEquals(2, next.rowNumber());
            assertNull(reader.next());
        }
    }

    @Test
    void many_lines_across_buffer_refills() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            text.append("{\"i\":").append(i).append(",\"pad\":\"").append("é".repeat(i % 50)).append("\"}\n");
        }
        try (NdjsonReader reader = open(text.toString())) {
            for (int i = 1; i <= 10_000; i++) {
                Line.Obj line = assertInstanceOf(Line.Obj.class, reader.next());
                assertEquals(i, line.rowNumber());
                assertEquals(i, line.value().get("i").asInt());
            }
            assertNull(reader.next());
        }
    }

    private NdjsonReader open(String text) {
        return NdjsonReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), mapper);
    }
}
