package io.dialer.contact.imports;

import io.dialer.contact.StoredPhone;

import java.util.List;

/** PostgreSQL COPY text format for the rows of an import. */
final class CopyText {

    private CopyText() {
    }

    /** COPY text format: backslash escapes for the characters that delimit fields and rows; \N is NULL. */
    static StringBuilder text(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("\\N");
        }
        if (!needsCopyEscape(value)) {
            return sb.append(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }

    /** The phones column, written by hand: this runs once per row of million-row files. */
    static String phonesJson(List<StoredPhone> phones) {
        StringBuilder sb = new StringBuilder(48 * phones.size() + 2).append('[');
        for (int i = 0; i < phones.size(); i++) {
            StoredPhone p = phones.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"number\":");
            io.dialer.platform.JsonText.string(sb, p.number());
            sb.append(",\"type\":");
            io.dialer.platform.JsonText.string(sb, p.type());
            sb.append(",\"e164\":");
            io.dialer.platform.JsonText.string(sb, p.e164());
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static boolean needsCopyEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }

    static String escape(String value) {
        return text(new StringBuilder(), value).toString();
    }
}
