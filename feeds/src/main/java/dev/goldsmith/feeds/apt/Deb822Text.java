package dev.goldsmith.feeds.apt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.goldsmith.feeds.FeedException;

/**
 * Splits deb822 text, the format of Release files and of {@code .sources} files, into stanzas of fields. Meant for
 * small files: it works on a whole string and keeps every line, unlike the streaming Packages reader.
 */
final class Deb822Text {

    /**
     * One field. {@code lines} holds the value on the field's own line (trimmed, possibly empty) followed by each
     * continuation line with its first whitespace character removed and trailing whitespace stripped.
     */
    record Field(String name, int line, List<String> lines) {

        /** Returns the value on the field's own line. */
        String firstLine() {
            return lines.get(0);
        }

        /** Returns every whitespace-separated word of the value, across all its lines. */
        List<String> words() {
            List<String> words = new ArrayList<>();
            for (String l : lines) {
                for (String w : l.trim().split("[ \t]+")) {
                    if (!w.isEmpty()) {
                        words.add(w);
                    }
                }
            }
            return words;
        }
    }

    /** One stanza: its fields keyed by lower-cased name, in the order they appeared. */
    record Stanza(int line, Map<String, Field> fields) {

        /** Returns the field of that name (any case), or null. */
        Field field(String name) {
            return fields.get(name.toLowerCase(Locale.ROOT));
        }

        /** Returns the trimmed single-line value of a field, or null when the field is absent. */
        String value(String name) {
            Field f = field(name);
            return f == null ? null : String.join(" ", f.lines()).trim();
        }
    }

    private Deb822Text() {
    }

    /**
     * Returns the stanzas of {@code text}. Field names are matched without regard to case, as apt does; a repeated
     * field is an error.
     *
     * @param allowComments whether lines starting with {@code #} are comments ({@code .sources} files) or errors
     *                      (Release files)
     */
    static List<Stanza> parse(String text, String source, boolean allowComments) throws FeedException {
        List<Stanza> stanzas = new ArrayList<>();
        Map<String, Field> fields = new LinkedHashMap<>();
        List<String> current = null;
        int stanzaLine = 0;
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = stripTrailing(text.substring(start, end));
            start = end + 1;
            lineNo++;

            if (line.isEmpty()) {
                if (!fields.isEmpty()) {
                    stanzas.add(new Stanza(stanzaLine, freeze(fields)));
                    fields = new LinkedHashMap<>();
                }
                current = null;
                continue;
            }
            char first = line.charAt(0);
            if (first == '#') {
                if (!allowComments) {
                    throw malformed(source, lineNo, "comment lines are not allowed here");
                }
                continue;
            }
            if (first == ' ' || first == '\t') {
                if (current == null) {
                    throw malformed(source, lineNo, "continuation line without a field before it");
                }
                current.add(line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed(source, lineNo, "expected 'Field: value', got '" + abbreviate(line) + "'");
            }
            String name = line.substring(0, colon);
            if (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
                throw malformed(source, lineNo, "field name '" + abbreviate(name) + "' contains whitespace");
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (fields.containsKey(key)) {
                throw malformed(source, lineNo, "field '" + name + "' appears twice in one stanza");
            }
            if (fields.isEmpty()) {
                stanzaLine = lineNo;
            }
            current = new ArrayList<>();
            current.add(line.substring(colon + 1).trim());
            fields.put(key, new Field(name, lineNo, current));
        }
        if (!fields.isEmpty()) {
            stanzas.add(new Stanza(stanzaLine, freeze(fields)));
        }
        return stanzas;
    }

    private static Map<String, Field> freeze(Map<String, Field> fields) {
        Map<String, Field> frozen = new LinkedHashMap<>();
        fields.forEach((k, f) -> frozen.put(k, new Field(f.name(), f.line(), List.copyOf(f.lines()))));
        return Collections.unmodifiableMap(frozen);
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0) {
            char c = line.charAt(end - 1);
            if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
            end--;
        }
        return line.substring(0, end);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static FeedException malformed(String source, int line, String reason) {
        return new FeedException(FeedException.Kind.MALFORMED, source, "line " + line + ": " + reason);
    }
}
