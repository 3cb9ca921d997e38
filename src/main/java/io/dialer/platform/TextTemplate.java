package io.dialer.platform;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {{name}}} placeholders, and nothing else: no expressions, no loops, no code. A placeholder is a
 * name of letters, digits, {@code _}, {@code .} and {@code -} (starting with a letter or {@code _}), optionally padded
 * with spaces. A name without a value renders as the empty string.
 */
public final class TextTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*}}");

    private TextTemplate() {
    }

    /** Replaces every placeholder with its value ({@code null} renders empty). */
    public static String render(String template, Function<String, String> values) {
        return render(template, values, UnaryOperator.identity());
    }

    /** Like {@link #render(String, Function)}, passing each value through {@code escape} (e.g. for a JSON string). */
    public static String render(String template, Function<String, String> values, UnaryOperator<String> escape) {
        if (template == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (m.find()) {
            String value = values.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value == null ? "" : value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholder names the template uses, in order of first use. */
    public static Set<String> names(String template) {
        Set<String> names = new LinkedHashSet<>();
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** True when every {@code {{} opens a well-formed placeholder and every {@code }}} closes one. */
    public static boolean isWellFormed(String template) {
        if (template == null) {
            return true;
        }
        String rest = PLACEHOLDER.matcher(template).replaceAll("");
        return !rest.contains("{{") && !rest.contains("}}");
    }

    /** Escapes a value for use inside a JSON string literal (without the quotes). */
    public static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
