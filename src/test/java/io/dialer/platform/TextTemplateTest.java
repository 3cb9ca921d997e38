package io.dialer.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTemplateTest {

    private final Map<String, String> values = Map.of("firstName", "Ada", "account.ref", "A-17", "price", "$5 \\o/");

    @Test
    void replacesPlaceholdersAndRendersMissingNamesEmpty() {
        assertEquals("Hello Ada, ref A-17, [] done",
                TextTemplate.render("Hello {{firstName}}, ref {{ account.ref }}, [{{nobody}}] done", values::get));
    }

    @Test
    void valuesAreInsertedLiterallyNeverEvaluated() {
        assertEquals("cost $5 \\o/", TextTemplate.render("cost {{price}}", values::get));
        Map<String, String> tricky = Map.of("x", "{{firstName}}");
        assertEquals("{{firstName}}", TextTemplate.render("{{x}}", tricky::get));
        assertEquals("{{ 1 + 1 }} ${x}", TextTemplate.render("{{ 1 + 1 }} ${x}", tricky::get));
    }

    @Test
    void tellsWellFormedTemplatesFromBrokenOnes() {
        assertTrue(TextTemplate.isWellFormed("Hi {{firstName}} {{ attributes.email }}"));
        assertTrue(TextTemplate.isWellFormed("no placeholder at all { } }"));
        assertFalse(TextTemplate.isWellFormed("Hi {{firstName"));
        assertFalse(TextTemplate.isWellFormed("Hi firstName}}"));
        assertFalse(TextTemplate.isWellFormed("Hi {{first name}}"));
        assertFalse(TextTemplate.isWellFormed("{{1abc}}"));
        assertEquals(Set.of("a", "b.c"), TextTemplate.names("{{a}} {{b.c}} {{a}}"));
    }

    @Test
    void escapesForJsonStrings() {
        assertEquals("say \\\"hi\\\"\\n\\\\ \\u0001", TextTemplate.jsonString("say \"hi\"\n\\ \u0001"));
        assertEquals("{\"to\":\"+1\",\"text\":\"a\\\"b\"}",
                TextTemplate.render("{\"to\":\"{{to}}\",\"text\":\"{{text}}\"}", Map.of("to", "+1", "text", "a\"b")::get,
                        TextTemplate::jsonString));
    }
}
