package dev.goldsmith.feeds.advisory.csaf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A package URL ({@code pkg:type/namespace/name@version?qualifiers#subpath}), as far as advisories use it.
 * Components are percent-decoded; a {@code +} stays a plus, as the purl specification wants.
 *
 * @param type       the package type in lowercase, such as {@code rpm} or {@code oci}
 * @param namespace  the namespace, such as {@code redhat}; empty when there is none
 * @param name       the package name
 * @param version    the version, or null when the purl names the package without one
 * @param qualifiers the qualifiers, such as {@code arch=src} and {@code epoch=1}
 */
record Purl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {

    Purl {
        qualifiers = Map.copyOf(qualifiers);
    }

    /**
     * Returns the purl {@code text} denotes.
     *
     * @throws IllegalArgumentException if it is not {@code pkg:} followed by at least a type and a name
     */
    static Purl parse(String text) {
        if (!text.regionMatches(true, 0, "pkg:", 0, 4)) {
            throw new IllegalArgumentException("purl '" + text + "' does not start with pkg:");
        }
        String rest = text.substring(4);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        Map<String, String> qualifiers = new LinkedHashMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("purl '" + text + "' has a qualifier without a key or a"
                            + " value: '" + pair + "'");
                }
                qualifiers.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), decode(pair.substring(eq + 1), text));
            }
            rest = rest.substring(0, question);
        }
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        String version = null;
        int at = rest.lastIndexOf('@');
        if (at > rest.lastIndexOf('/')) {
            version = decode(rest.substring(at + 1), text);
            rest = rest.substring(0, at);
        }
        int firstSlash = rest.indexOf('/');
        int lastSlash = rest.lastIndexOf('/');
        if (firstSlash <= 0 || lastSlash == rest.length() - 1) {
            throw new IllegalArgumentException("purl '" + text + "' lacks a type or a name");
        }
        String type = rest.substring(0, firstSlash).toLowerCase(Locale.ROOT);
        String namespace = firstSlash == lastSlash ? "" : decode(rest.substring(firstSlash + 1, lastSlash), text);
        String name = decode(rest.substring(lastSlash + 1), text);
        return new Purl(type, namespace, name, version == null || version.isEmpty() ? null : version, qualifiers);
    }

    /** Returns the qualifier {@code key}, or null. */
    String qualifier(String key) {
        return qualifiers.get(key);
    }

    private static String decode(String part, String text) {
        if (part.indexOf('%') < 0) {
            return part;
        }
        // '%' is ASCII, so escapes can be resolved on the UTF-8 bytes without splitting a character.
        byte[] in = part.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out.write(in[i]);
                continue;
            }
            int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("purl '" + text + "' has a bad percent escape");
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
