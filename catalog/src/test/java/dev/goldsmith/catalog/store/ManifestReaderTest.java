package dev.goldsmith.catalog.store;

import static dev.goldsmith.catalog.store.SampleHistory.MINIMAL;
import static dev.goldsmith.catalog.store.SampleHistory.V1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming manifest reader against {@link Manifest#fromJson}, which defines the format: on the plain documents
 * the catalog writes it must read the same manifest itself, and on every other document it must end exactly as
 * {@code fromJson} does, with the same manifest or the same error.
 */
class ManifestReaderTest {

    private static final String SOURCE = "images/debian-12-minimal/2026.12.01.1/manifest.json";
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    private final ManifestReader reader = new ManifestReader(new Strings(new ConcurrentHashMap<>()));

    @Test
    void readsTheRealBookwormPackageListAsFromJsonDoes() throws Exception {
        List<InstalledPackage> packages = new ArrayList<>();
        for (Map<String, String> stanza : stanzas("apt/Packages.bookworm-main-amd64.2000-stanzas.txt")) {
            String source = stanza.get("Source");
            packages.add(new InstalledPackage(stanza.get("Package"), stanza.get("Version"),
                    stanza.get("Architecture"), source == null ? null : source.split(" ")[0]));
        }
        Manifest manifest = manifest(packages);

        Manifest read = assertReadPlain(manifest.toJson());

        assertEquals(manifest, read);
        assertEquals(2000, read.packages().size());
    }

    @Test
    void readsTheManifestsTheStoreWroteAsFromJsonDoes() throws Exception {
        Path repo = dir.resolve("catalog");
        SampleHistory.write(repo);

        List<Path> files;
        try (Stream<Path> walk = Files.walk(repo.resolve(CatalogLayout.IMAGES))) {
            files = walk.filter(p -> p.getFileName().toString().equals("manifest.json")).sorted().toList();
        }

        assertEquals(5, files.size(), files.toString());
        for (Path file : files) {
            assertReadPlain(Files.readString(file));
        }
    }

    static Stream<Arguments> plainDocuments() {
        String json = sample().toJson();
        return Stream.of(
                Arguments.of("as written", json),
                Arguments.of("escapes in strings", edit(json, "\"note\" : null", "\"note\" : \"line\\nbreak"
                        + " \\\"quoted\\\" back\\\\slash \\/ tab\\t \\u00e9\\u4E2D \\ud83d\\ude00 \\b\\f\\r\"")),
                Arguments.of("escapes in a package name and a field name", edit(json, "\"zlib1g\"", "\"zlib\\u0031g\"",
                        "\"architecture\" : \"all\"", "\"archi\\u0074ecture\" : \"all\"")),
                Arguments.of("raw unicode", edit(json, "\"local\"", "\"hôst-中-😀\"", "\"zlib\"", "\"ßlib\"")),
                Arguments.of("optional fields missing", edit(json, "\"blueprintVersion\" : \"1.0.3\",", "",
                        "\"builderHost\" : \"local\",", "", ",\n    \"note\" : null", "",
                        "\"installed\" : \"3.0.15-1~deb12u1\",", "", ",\n    \"source\" : \"zlib\"", "",
                        "\"advisories\" : [ \"DSA-5800-1\" ],", "")),
                Arguments.of("optional fields null", edit(json, "\"1.0.3\"", "null", "\"local\"", "null",
                        "[ \"CVE-2024-12797\" ]", "null", "\"source\" : \"zlib\"", "\"source\" : null")),
                Arguments.of("no whitespace at all", editAll(json, "\\s+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", "")),
                Arguments.of("tabs and CRLF", edit(json, "\n", "\r\n", "  ", "\t")),
                Arguments.of("fields in another order", reorder(json)),
                Arguments.of("fractions of a second", edit(json, "2026-12-01T10:00:00Z", "2024-02-29T23:59:59.5Z",
                        "\"PT20M\"", "\"PT1H0.25S\"")),
                Arguments.of("nanoseconds", edit(json, "2026-12-01T10:00:00Z", "2026-12-01T10:00:00.123456789Z")),
                Arguments.of("empty lists", editAll(edit(json, "[ \"DSA-5800-1\" ]", "[ ]", "[ \"CVE-2024-12797\" ]",
                        "[]"), "\"steps\" : \\[[^\\]]*\\]", "\"steps\" : [ ]")),
                Arguments.of("zero size", edit(json, "524288000", "0")),
                Arguments.of("largest size", edit(json, "524288000", "999999999999999999")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainDocuments")
    void readsPlainDocumentsItselfAndAgreesWithFromJson(String what, String json) throws Exception {
        assertReadPlain(json);
    }

    static Stream<Arguments> otherDocuments() {
        String json = sample().toJson();
        return Stream.of(
                Arguments.of("unknown field", edit(json, "\"distro\"", "\"colour\" : \"blue\",\n  \"distro\"")),
                Arguments.of("unknown field in a package", edit(json, "\"architecture\" : \"all\"",
                        "\"architecture\" : \"all\", \"section\" : \"libs\"")),
                Arguments.of("field twice", edit(json, "\"distro\"", "\"distro\" : \"debian-11\",\n  \"distro\"")),
                Arguments.of("size as text", edit(json, "524288000", "\"524288000\"")),
                Arguments.of("size with a fraction", edit(json, "524288000", "5.24288E8")),
                Arguments.of("size missing", edit(json, ",\n    \"size\" : 524288000", "")),
                Arguments.of("size negative", edit(json, "524288000", "-1")),
                Arguments.of("size beyond a long", edit(json, "524288000", "99999999999999999999")),
                Arguments.of("size with a leading zero", edit(json, "524288000", "0524288000")),
                Arguments.of("instant with an offset", edit(json, "2026-12-01T10:00:00Z", "2026-12-01T11:00:00+01:00")),
                Arguments.of("instant in lowercase", edit(json, "2026-12-01T10:00:00Z", "2026-12-01t10:00:00z")),
                Arguments.of("instant as a number", edit(json, "\"2026-12-01T10:00:00Z\"", "1796119200")),
                Arguments.of("instant of a leap second", edit(json, "2026-12-01T10:00:00Z", "2016-12-31T23:59:60Z")),
                Arguments.of("no such day", edit(json, "2026-12-01T10:00:00Z", "2023-02-29T10:00:00Z")),
                Arguments.of("duration not in its plain form", edit(json, "\"PT20M\"", "\"PT1200S\"")),
                Arguments.of("version id malformed", edit(json, "\"2026.12.01.1\"", "\"2026.12.1.1\"")),
                Arguments.of("version id of no day", edit(json, "\"2026.12.01.1\"", "\"2026.02.30.1\"")),
                Arguments.of("distro as a number", edit(json, "\"debian-12\"", "12")),
                Arguments.of("distro as true", edit(json, "\"debian-12\"", "true")),
                Arguments.of("null in a list", edit(json, "[ \"CVE-2024-12797\" ]", "[ \"CVE-2024-12797\", null ]")),
                Arguments.of("package list null", editAll(json, "\"packages\" : \\[[^\\]]*\\]", "\"packages\" : null")),
                Arguments.of("package null", edit(json, "\"packages\" : [", "\"packages\" : [ null,")),
                Arguments.of("package without a version", edit(json, "\"version\" : \"2024a-0+deb12u1\",", "")),
                Arguments.of("something after the document", json + "{ \"more\" : 1 }"),
                Arguments.of("trailing comma", edit(json, "10:00:00Z\"\n}", "10:00:00Z\",\n}")),
                Arguments.of("comment", edit(json, "\"distro\"", "/* why */ \"distro\"")),
                Arguments.of("single quotes", edit(json, "\"debian-12\"", "'debian-12'")),
                Arguments.of("control character in a string", edit(json, "\"local\"", "\"lo\tcal\"")),
                Arguments.of("unknown escape", edit(json, "\"local\"", "\"lo\\qcal\"")),
                Arguments.of("short unicode escape", edit(json, "\"local\"", "\"lo\\u00e\"")),
                Arguments.of("byte order mark", "\uFEFF" + json),
                Arguments.of("an array", "[ " + json + " ]"),
                Arguments.of("not JSON", "not json"),
                Arguments.of("empty", ""),
                Arguments.of("cut short", json.substring(0, json.length() / 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDocuments")
    void leavesEveryOtherDocumentToFromJson(String what, String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertNull(reader.readPlain(bytes), "the streaming reader must not read it itself");
        assertEquals(outcome(() -> Manifest.fromJson(json, SOURCE)), outcome(() -> reader.read(bytes, SOURCE)));
    }

    @Test
    void malformedUtf8EndsAsTheDecodedTextDoes() throws Exception {
        String json = sample().toJson();
        int at = json.indexOf("local");
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
            (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
            out.write(bad);
            out.write(json.substring(at).getBytes(StandardCharsets.UTF_8));
            byte[] bytes = out.toByteArray();

            assertNull(reader.readPlain(bytes));
            Manifest read = reader.read(bytes, SOURCE);
            assertEquals(Manifest.fromJson(new String(bytes, StandardCharsets.UTF_8), SOURCE), read);
            assertTrue(read.builderHost().startsWith("\uFFFD"), read.builderHost());
        }
    }

    @Test
    void keepsEachPackageStringOnceAcrossReaders() throws Exception {
        ConcurrentHashMap<String, String> shared = new ConcurrentHashMap<>();
        byte[] json = sample().toJson().getBytes(StandardCharsets.UTF_8);

        Manifest first = new ManifestReader(new Strings(shared)).readPlain(json);
        Manifest second = new ManifestReader(new Strings(shared)).readPlain(json);

        assertNotNull(first);
        assertNotNull(second);
        for (int i = 0; i < first.packages().size(); i++) {
            assertSame(first.packages().get(i).name(), second.packages().get(i).name());
            assertSame(first.packages().get(i).version(), second.packages().get(i).version());
        }
        assertSame(first.packages().get(0).architecture(), first.packages().get(1).architecture());
    }

    /** Reads {@code json} with the streaming reader alone, which must manage it, and checks it against fromJson. */
    private Manifest assertReadPlain(String json) throws Exception {
        Manifest plain = reader.readPlain(json.getBytes(StandardCharsets.UTF_8));

        assertNotNull(plain, "the streaming reader must read this document itself");
        assertEquals(Manifest.fromJson(json, SOURCE), plain);
        return plain;
    }

    /** Returns what reading returned, or the type and message of what it threw. */
    static Object outcome(Callable<?> read) {
        try {
            return read.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Returns a manifest with a field of every kind, each optional one set. */
    private static Manifest sample() {
        return new Manifest(MINIMAL, V1, "debian-12", "1.0.3", List.of(
                new InstalledPackage("openssl", "3.0.15-1~deb12u1", "amd64", null),
                new InstalledPackage("libssl3", "3.0.15-1~deb12u1", "amd64", "openssl"),
                new InstalledPackage("zlib1g", "1:1.2.13.dfsg-1", "amd64", "zlib"),
                new InstalledPackage("tzdata", "2024a-0+deb12u1", "all", null)),
                new Manifest.Artifact("/var/lib/goldsmith/images/x.qcow2", "qcow2", SHA, 524_288_000L), "local",
                List.of(new Manifest.Step("provision", Duration.ofMinutes(20))),
                List.of(new Manifest.Trigger("openssl", "3.0.15-1~deb12u1", "3.0.16-1~deb12u1", List.of("DSA-5800-1"),
                        List.of("CVE-2024-12797"), null)), Instant.parse("2026-12-01T10:00:00Z"));
    }

    /**
     * Returns {@code json} with each text of {@code edits} (text, replacement, text, replacement, ...) replaced; each
     * must be there, since a case that changed nothing tests nothing.
     */
    private static String edit(String json, String... edits) {
        String edited = json;
        for (int i = 0; i < edits.length; i += 2) {
            String text = edits[i];
            assertTrue(edited.contains(text), () -> "no '" + text + "' in " + json);
            edited = edited.replace(text, edits[i + 1]);
        }
        return edited;
    }

    /** Returns {@code json} with each match of {@code regex} replaced, of which there must be one at least. */
    private static String editAll(String json, String regex, String replacement) {
        String edited = json.replaceAll(regex, replacement);
        assertTrue(!edited.equals(json), () -> "no match of '" + regex + "' in " + json);
        return edited;
    }

    private static Manifest manifest(List<InstalledPackage> packages) {
        return new Manifest(MINIMAL, ImageVersionId.parse("2026.12.01.1"), "debian-12", "1.0.3", packages,
                new Manifest.Artifact("/var/lib/goldsmith/images/x.qcow2", "qcow2", SHA, 524_288_000L), "local",
                List.of(new Manifest.Step("provision", Duration.ofMinutes(20))), List.of(),
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    /** Moves {@code builtAt} to the front and {@code packages} to the end. */
    private static String reorder(String json) {
        int packagesStart = json.indexOf("  \"packages\"");
        int packagesEnd = json.indexOf("  \"artifact\"");
        int builtAt = json.indexOf("  \"builtAt\"");
        String packages = json.substring(packagesStart, packagesEnd).strip();
        String built = json.substring(builtAt, json.lastIndexOf('}')).strip();
        String rest = json.substring(1, packagesStart) + json.substring(packagesEnd, builtAt);
        return "{\n  " + built + ",\n" + rest + "  " + packages.substring(0, packages.length() - 1) + "\n}\n";
    }

    /** Returns the stanzas of a Debian {@code Packages} excerpt among the shared fixtures, field by field. */
    private static List<Map<String, String>> stanzas(String relative) throws Exception {
        Path root = Path.of(System.getProperty("goldsmith.fixtures", "../../shared/fixtures"));
        List<Map<String, String>> stanzas = new ArrayList<>();
        for (String block : Files.readString(root.resolve(relative)).split("\n\n")) {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !Character.isWhitespace(line.charAt(0))) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
            if (fields.containsKey("Package")) {
                stanzas.add(fields);
            }
        }
        return stanzas;
    }
}
