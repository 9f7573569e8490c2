package dev.goldsmith.feeds.apt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.LimitedInputStream;

/**
 * Reads a host's APT sources: {@code etc/apt/sources.list} in the one-line format and, in file-name order,
 * {@code etc/apt/sources.list.d/*.list} (one-line) and {@code *.sources} (deb822), all under a root directory so
 * that an image's tree or a test directory can be read as well as {@code /}. Other files in
 * {@code sources.list.d} are ignored, as apt ignores them.
 *
 * <p>Only {@code deb} entries are kept; {@code deb-src} entries and deb822 stanzas with {@code Enabled: no} are
 * skipped. Flat repositories (a suite ending in {@code /}, no components) are listed as unsupported.
 *
 * <p>Keys: {@code Signed-By} may name keyring files (resolved under the root), fingerprints, or, in a
 * {@code .sources} file, an inline armored key block. Fingerprints alone narrow the keyrings in
 * {@code etc/apt/trusted.gpg.d/} (and {@code etc/apt/trusted.gpg}), as apt does. An entry without {@code Signed-By}
 * gets {@value #DEFAULT_KEYRING} when it exists under the root, and no keys otherwise: unlike apt, Goldsmith does not
 * fall back to trusting every key in {@code trusted.gpg.d} for every repository.
 *
 * <p>A malformed file fails with {@link FeedException.Kind#MALFORMED}, naming the file and line.
 */
public final class AptSourcesReader {

    /** The keyring used for entries that name none, relative to the root. */
    public static final String DEFAULT_KEYRING = "usr/share/keyrings/debian-archive-keyring.gpg";

    private static final long MAX_FILE_BYTES = 1L << 20;
    private static final String BEGIN_KEY = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private final Path root;

    /** Creates a reader for the host, or image tree, whose file system root is {@code root}. */
    public AptSourcesReader(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Returns every source of the host.
     *
     * @throws FeedException MALFORMED when a sources file cannot be read as one
     * @throws IOException   when a file cannot be read
     */
    public AptSources read() throws FeedException, IOException {
        List<AptSource> sources = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        Path list = root.resolve("etc/apt/sources.list");
        if (Files.isRegularFile(list)) {
            add(parseList(readSmall(list), list.toString()), sources, unsupported);
        }
        Path dir = root.resolve("etc/apt/sources.list.d");
        if (Files.isDirectory(dir)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    files.add(p);
                }
            }
            files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                if (name.endsWith(".list")) {
                    add(parseList(readSmall(p), p.toString()), sources, unsupported);
                } else if (name.endsWith(".sources")) {
                    add(parseSources(readSmall(p), p.toString()), sources, unsupported);
                }
            }
        }
        return new AptSources(sources, unsupported);
    }

    private static void add(AptSources more, List<AptSource> sources, List<String> unsupported) {
        sources.addAll(more.sources());
        unsupported.addAll(more.unsupported());
    }

    /**
     * Returns the sources in one-line format text, such as
     * {@code deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] http://example.org/debian bookworm main}.
     *
     * @param file names the text in origins and errors
     */
    public AptSources parseList(String text, String file) throws FeedException {
        List<AptSource> sources = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            String origin = file + ":" + (i + 1);
            parseLine(line, origin, sources, unsupported);
        }
        return new AptSources(sources, unsupported);
    }

    private void parseLine(String line, String origin, List<AptSource> sources, List<String> unsupported)
            throws FeedException {
        int space = indexOfWhitespace(line, 0);
        String type = space < 0 ? line : line.substring(0, space);
        if (type.equals("deb-src")) {
            return;
        }
        if (!type.equals("deb")) {
            throw malformed(origin, "type '" + Deb822Text.abbreviate(type) + "' is neither 'deb' nor 'deb-src'");
        }
        String rest = space < 0 ? "" : line.substring(space).trim();
        Map<String, String> options = new LinkedHashMap<>();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw malformed(origin, "options start with '[' but have no ']'");
            }
            for (String option : words(rest.substring(1, close))) {
                int eq = option.indexOf('=');
                if (eq <= 0) {
                    throw malformed(origin, "option '" + Deb822Text.abbreviate(option) + "' is not name=value");
                }
                options.put(option.substring(0, eq).toLowerCase(Locale.ROOT), option.substring(eq + 1));
            }
            rest = rest.substring(close + 1).trim();
        }
        List<String> words = words(rest);
        if (words.size() < 2) {
            throw malformed(origin, "expected 'deb [options] URI SUITE COMPONENT...'");
        }
        String arch = options.remove("arch");
        List<String> architectures = arch == null ? List.of() : commaList(arch);
        String signedBy = options.remove("signed-by");
        SignedBy keys = signedBy(signedBy == null ? null : List.of(signedBy), origin);
        entry(origin, words.get(0), words.get(1), words.subList(2, words.size()), architectures, keys, options,
                sources, unsupported);
    }

    /**
     * Returns the sources in deb822 text, the format of {@code .sources} files.
     *
     * @param file names the text in origins and errors
     */
    public AptSources parseSources(String text, String file) throws FeedException {
        List<AptSource> sources = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (Deb822Text.Stanza stanza : Deb822Text.parse(text, file, true)) {
            String origin = file + " (stanza at line " + stanza.line() + ")";
            String enabled = stanza.value("Enabled");
            if (enabled != null && enabled.equalsIgnoreCase("no")) {
                continue;
            }
            List<String> types = required(stanza, "Types", origin);
            for (String type : types) {
                if (!type.equals("deb") && !type.equals("deb-src")) {
                    throw malformed(origin, "type '" + Deb822Text.abbreviate(type)
                            + "' is neither 'deb' nor 'deb-src'");
                }
            }
            if (!types.contains("deb")) {
                continue;
            }
            List<String> uris = required(stanza, "URIs", origin);
            List<String> suites = required(stanza, "Suites", origin);
            List<String> components = optional(stanza, "Components");
            List<String> architectures = optional(stanza, "Architectures");
            Deb822Text.Field signed = stanza.field("Signed-By");
            SignedBy keys = signedBy(signed == null ? null : signed.lines(), origin);
            Map<String, String> options = new LinkedHashMap<>();
            for (Deb822Text.Field f : stanza.fields().values()) {
                String name = f.name().toLowerCase(Locale.ROOT);
                if (!List.of("types", "uris", "suites", "components", "architectures", "signed-by", "enabled")
                        .contains(name)) {
                    options.put(name, String.join(" ", f.lines()).trim());
                }
            }
            for (String uri : uris) {
                for (String suite : suites) {
                    entry(origin, uri, suite, components, architectures, keys, options, sources, unsupported);
                }
            }
        }
        return new AptSources(sources, unsupported);
    }

    private static void entry(String origin, String uri, String suite, List<String> components,
            List<String> architectures, SignedBy keys, Map<String, String> options, List<AptSource> sources,
            List<String> unsupported) throws FeedException {
        if (!hasScheme(uri)) {
            throw malformed(origin, "'" + Deb822Text.abbreviate(uri) + "' is not a URI");
        }
        if (suite.endsWith("/")) {
            if (!components.isEmpty()) {
                throw malformed(origin, "suite '" + suite + "' is an exact path, which takes no components");
            }
            unsupported.add(origin + ": flat repository " + uri + " " + suite
                    + " is not supported (it has no dists/ directory to verify a Release in)");
            return;
        }
        if (components.isEmpty()) {
            throw malformed(origin, "suite '" + suite + "' needs at least one component");
        }
        sources.add(new AptSource(origin, uri, suite, components, architectures, keys, options));
    }

    /** Returns the keys for an entry from its Signed-By value (null when absent), or the default keyring. */
    private SignedBy signedBy(List<String> value, String origin) throws FeedException {
        if (value == null) {
            Path fallback = root.resolve(DEFAULT_KEYRING);
            return Files.isRegularFile(fallback) ? SignedBy.keyring(fallback) : null;
        }
        String joined = String.join("\n", value);
        if (joined.contains(BEGIN_KEY)) {
            StringBuilder key = new StringBuilder();
            for (String line : value) {
                // deb822 cannot hold empty lines in a field; apt writes them as a lone '.'.
                key.append(line.equals(".") ? "" : line).append('\n');
            }
            return new SignedBy(List.of(), List.of(), key.toString().strip() + "\n");
        }
        List<Path> keyrings = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        for (String item : joined.split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (item.startsWith("/")) {
                keyrings.add(root.resolve(item.substring(1)));
            } else if (isFingerprint(item)) {
                fingerprints.add(item);
            } else {
                throw malformed(origin, "Signed-By '" + Deb822Text.abbreviate(item)
                        + "' is neither an absolute keyring path nor a key fingerprint");
            }
        }
        if (keyrings.isEmpty() && fingerprints.isEmpty()) {
            throw malformed(origin, "Signed-By is empty");
        }
        if (keyrings.isEmpty()) {
            keyrings.addAll(trustedKeyrings());
        }
        return new SignedBy(keyrings, fingerprints, null);
    }

    /** Returns apt's global trusted keyrings under the root, for Signed-By values that only name fingerprints. */
    private List<Path> trustedKeyrings() throws FeedException {
        List<Path> keyrings = new ArrayList<>();
        Path dir = root.resolve("etc/apt/trusted.gpg.d");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.{gpg,asc}")) {
                for (Path p : entries) {
                    keyrings.add(p);
                }
            } catch (IOException e) {
                throw new FeedException(FeedException.Kind.MALFORMED, dir.toString(),
                        "cannot list trusted keyrings: " + e.getMessage(), e);
            }
        }
        keyrings.sort(null);
        Path legacy = root.resolve("etc/apt/trusted.gpg");
        if (Files.isRegularFile(legacy)) {
            keyrings.add(legacy);
        }
        return keyrings;
    }

    private static boolean isFingerprint(String s) {
        String hex = s.endsWith("!") ? s.substring(0, s.length() - 1) : s;
        if (hex.length() != 40 && hex.length() != 64) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasScheme(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = uri.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return colon + 1 < uri.length();
    }

    private static List<String> required(Deb822Text.Stanza stanza, String name, String origin)
            throws FeedException {
        List<String> values = optional(stanza, name);
        if (values.isEmpty()) {
            throw malformed(origin, "field '" + name + "' is missing or empty");
        }
        return values;
    }

    private static List<String> optional(Deb822Text.Stanza stanza, String name) {
        Deb822Text.Field f = stanza.field(name);
        return f == null ? List.of() : f.words();
    }

    private static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static List<String> commaList(String s) {
        List<String> items = new ArrayList<>();
        for (String item : s.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static int indexOfWhitespace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String readSmall(Path p) throws IOException {
        try (InputStream in = new LimitedInputStream(Files.newInputStream(p), MAX_FILE_BYTES, p.toString())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static FeedException malformed(String origin, String reason) {
        return new FeedException(FeedException.Kind.MALFORMED, origin, reason);
    }
}
