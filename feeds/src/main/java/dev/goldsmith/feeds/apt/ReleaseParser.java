package dev.goldsmith.feeds.apt;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.goldsmith.feeds.FeedException;

/**
 * Reads a Release file, or the signed text of an InRelease, into a {@link Release}. Only the {@code SHA256} file
 * list is kept; the weaker {@code MD5Sum} and {@code SHA1} lists are ignored, and a Release without SHA-256
 * checksums is refused as {@link FeedException.Kind#UNSUPPORTED}, as apt does.
 */
public final class ReleaseParser {

    private ReleaseParser() {
    }

    /**
     * Returns the Release {@code text} describes.
     *
     * @param source names the file in error messages, such as {@code http://example.org/debian/dists/x/InRelease}
     * @throws FeedException MALFORMED when a field cannot be read, UNSUPPORTED when no SHA256 list is present
     */
    public static Release parse(String text, String source) throws FeedException {
        List<Deb822Text.Stanza> stanzas = Deb822Text.parse(text, source, false);
        if (stanzas.isEmpty()) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, "Release is empty");
        }
        if (stanzas.size() > 1) {
            throw new FeedException(FeedException.Kind.MALFORMED, source,
                    "Release has more than one stanza (second starts on line " + stanzas.get(1).line() + ")");
        }
        Deb822Text.Stanza s = stanzas.get(0);
        Deb822Text.Field sha256 = s.field("SHA256");
        if (sha256 == null) {
            throw new FeedException(FeedException.Kind.UNSUPPORTED, source,
                    "Release lists no SHA256 checksums; weaker ones are not trusted");
        }
        String acquireByHash = s.value("Acquire-By-Hash");
        return new Release(source,
                s.value("Origin"),
                s.value("Label"),
                s.value("Suite"),
                s.value("Codename"),
                s.value("Version"),
                date(s, "Date", source),
                date(s, "Valid-Until", source),
                words(s, "Architectures"),
                words(s, "Components"),
                acquireByHash != null && acquireByHash.toLowerCase(Locale.ROOT).equals("yes"),
                files(sha256, source));
    }

    private static Instant date(Deb822Text.Stanza s, String name, String source) throws FeedException {
        Deb822Text.Field f = s.field(name);
        if (f == null) {
            return null;
        }
        String value = s.value(name);
        try {
            return AptDate.parse(value);
        } catch (IllegalArgumentException e) {
            throw new FeedException(FeedException.Kind.MALFORMED, source,
                    "line " + f.line() + ": " + name + " '" + Deb822Text.abbreviate(value) + "' is not a date: "
                    + e.getMessage(), e);
        }
    }

    private static List<String> words(Deb822Text.Stanza s, String name) {
        Deb822Text.Field f = s.field(name);
        return f == null ? List.of() : f.words();
    }

    private static Map<String, ReleaseFile> files(Deb822Text.Field field, String source) throws FeedException {
        Map<String, ReleaseFile> files = new LinkedHashMap<>();
        if (!field.firstLine().isEmpty()) {
            throw malformed(source, field.line(), "SHA256 entries must start on the next line");
        }
        List<String> lines = field.lines();
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = field.line() + i;
            String[] parts = lines.get(i).trim().split("[ \t]+");
            if (parts.length != 3) {
                throw malformed(source, lineNo, "SHA256 entry is not 'hash size path': '"
                        + Deb822Text.abbreviate(lines.get(i).trim()) + "'");
            }
            String hash = parts[0].toLowerCase(Locale.ROOT);
            if (!isSha256(hash)) {
                throw malformed(source, lineNo, "'" + Deb822Text.abbreviate(parts[0]) + "' is not a SHA-256");
            }
            long size = size(parts[1], source, lineNo);
            String path = parts[2];
            checkPath(path, source, lineNo);
            if (files.put(path, new ReleaseFile(path, size, hash)) != null) {
                throw malformed(source, lineNo, "'" + path + "' is listed twice in SHA256");
            }
        }
        return files;
    }

    private static long size(String s, String source, int lineNo) throws FeedException {
        if (s.isEmpty() || s.length() > 18) {
            throw malformed(source, lineNo, "'" + Deb822Text.abbreviate(s) + "' is not a size");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed(source, lineNo, "'" + Deb822Text.abbreviate(s) + "' is not a size");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Refuses paths that could leave the suite's directory once joined to a URL or a local path. */
    private static void checkPath(String path, String source, int lineNo) throws FeedException {
        if (path.startsWith("/") || path.indexOf('\\') >= 0) {
            throw malformed(source, lineNo, "path '" + Deb822Text.abbreviate(path) + "' is not relative");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw malformed(source, lineNo, "path '" + Deb822Text.abbreviate(path)
                        + "' has an empty, '.' or '..' segment");
            }
        }
    }

    static boolean isSha256(String hex) {
        if (hex.length() != 64) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static FeedException malformed(String source, int line, String reason) {
        return new FeedException(FeedException.Kind.MALFORMED, source, "line " + line + ": " + reason);
    }
}
