package dev.goldsmith.feeds.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AptSourcesReaderTest {

    @TempDir
    Path root;

    private Path write(String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private Path installDefaultKeyring() throws IOException {
        return write(AptSourcesReader.DEFAULT_KEYRING, "");
    }

    @Test
    void readsOneLineEntriesWithOptionsAndSkipsSourceEntriesAndComments() throws Exception {
        Path keyring = installDefaultKeyring();
        AptSourcesReader reader = new AptSourcesReader(root);

        AptSources parsed = reader.parseList("""
                # the main archive
                deb http://example.org/debian bookworm main contrib   # trailing comment
                deb-src http://example.org/debian bookworm main

                deb [ arch=amd64,arm64 signed-by=/etc/apt/keyrings/example.gpg lang=none ] https://example.org/x/ \
                stable main
                #deb http://example.org/disabled bookworm main
                """, "/etc/apt/sources.list");

        assertEquals(List.of(
                new AptSource("/etc/apt/sources.list:2", "http://example.org/debian/", "bookworm",
                        List.of("main", "contrib"), List.of(), SignedBy.keyring(keyring), Map.of()),
                new AptSource("/etc/apt/sources.list:5", "https://example.org/x/", "stable", List.of("main"),
                        List.of("amd64", "arm64"), SignedBy.keyring(root.resolve("etc/apt/keyrings/example.gpg")),
                        Map.of("lang", "none"))),
                parsed.sources());
        assertEquals(List.of(), parsed.unsupported());
        assertEquals("http://example.org/debian/dists/bookworm/InRelease",
                parsed.sources().get(0).fileUri("InRelease"));
    }

    @Test
    void expandsDeb822StanzasToOneSourcePerUriAndSuite() throws Exception {
        AptSourcesReader reader = new AptSourcesReader(root);

        AptSources parsed = reader.parseSources("""
                Types: deb deb-src
                # a comment inside the stanza
                URIs: http://example.org/debian
                Suites: bookworm bookworm-updates
                Components: main non-free-firmware
                Architectures: amd64
                Signed-By: /usr/share/keyrings/example.gpg,
                 0123456789ABCDEF0123456789ABCDEF01234567
                Check-Valid-Until: no

                Types: deb-src
                URIs: http://example.org/debian
                Suites: bookworm
                Components: main

                Enabled: no
                Types: deb
                URIs: http://example.org/off
                Suites: bookworm
                Components: main
                """, "/etc/apt/sources.list.d/example.sources");

        assertEquals(2, parsed.sources().size());
        AptSource updates = parsed.sources().get(1);
        assertEquals("/etc/apt/sources.list.d/example.sources (stanza at line 1)", updates.origin());
        assertEquals("http://example.org/debian/", updates.uri());
        assertEquals("bookworm-updates", updates.suite());
        assertEquals(List.of("main", "non-free-firmware"), updates.components());
        assertEquals(List.of("amd64"), updates.architectures());
        assertEquals(new SignedBy(List.of(root.resolve("usr/share/keyrings/example.gpg")),
                List.of("0123456789ABCDEF0123456789ABCDEF01234567"), null), updates.signedBy());
        assertEquals(Map.of("check-valid-until", "no"), updates.options());
        assertEquals("bookworm", parsed.sources().get(0).suite());
    }

    @Test
    void inlineSignedByKeyVerifiesWhatThatKeySigned() throws Exception {
        TestKey key = TestKey.generate();
        StringBuilder field = new StringBuilder("Signed-By:\n");
        for (String line : key.armored().split("\n")) {
            field.append(' ').append(line.isBlank() ? "." : line).append('\n');
        }
        AptSources parsed = new AptSourcesReader(root).parseSources(
                "Types: deb\nURIs: https://example.org/repo\nSuites: stable\nComponents: main\n" + field,
                "example.sources");

        OpenPgpVerifier verifier = parsed.sources().get(0).signedBy().verifier()
                .withClock(Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC));

        assertTrue(parsed.sources().get(0).signedBy().inlineKey()
                .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
        assertEquals(List.of(key.fingerprint()), verifier.primaryFingerprints());
        String signed = key.clearsign("Suite: stable\n");
        assertEquals("Suite: stable\n", verifier.verifyCleartext(signed.getBytes(StandardCharsets.UTF_8),
                "InRelease").text());
    }

    @Test
    void fingerprintsAloneNarrowTheTrustedKeyrings() throws Exception {
        TestKey wanted = TestKey.generate();
        TestKey other = TestKey.generate();
        Files.createDirectories(root.resolve("etc/apt/trusted.gpg.d"));
        Files.write(root.resolve("etc/apt/trusted.gpg.d/wanted.gpg"), wanted.keyring());
        Files.writeString(root.resolve("etc/apt/trusted.gpg.d/other.asc"), other.armored());
        Files.writeString(root.resolve("etc/apt/trusted.gpg.d/README"), "not a keyring");

        AptSources parsed = new AptSourcesReader(root).parseList(
                "deb [signed-by=" + wanted.fingerprint() + "] http://example.org/debian stable main\n", "x.list");

        SignedBy keys = parsed.sources().get(0).signedBy();
        assertEquals(List.of(root.resolve("etc/apt/trusted.gpg.d/other.asc"),
                root.resolve("etc/apt/trusted.gpg.d/wanted.gpg")), keys.keyrings());
        assertEquals(List.of(wanted.fingerprint()), keys.verifier().primaryFingerprints());
    }

    @Test
    void entriesWithoutSignedByGetNoKeysWhenTheDefaultKeyringIsAbsent() throws Exception {
        AptSources parsed = new AptSourcesReader(root).parseList("deb http://example.org/debian stable main\n",
                "sources.list");

        assertNull(parsed.sources().get(0).signedBy());
    }

    @Test
    void reportsFlatRepositoriesAsUnsupported() throws Exception {
        AptSources parsed = new AptSourcesReader(root).parseList("deb http://example.org/flat ./\n", "flat.list");

        assertEquals(List.of(), parsed.sources());
        assertEquals(List.of("flat.list:1: flat repository http://example.org/flat ./ is not supported (it has no"
                + " dists/ directory to verify a Release in)"), parsed.unsupported());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unknown type | rpm http://example.org/x stable main | type 'rpm' is neither
            no suite | deb http://example.org/x | expected 'deb [options] URI
            no components | deb http://example.org/x stable | needs at least one component
            unclosed options | deb [arch=amd64 http://example.org/x stable main | have no ']'
            option without value | deb [trusted] http://example.org/x stable main | option 'trusted' is not
            not a URI | deb example.org/x stable main | is not a URI
            relative keyring | deb [signed-by=keys/x.gpg] http://example.org/x s main | neither an absolute keyring
            flat with components | deb http://example.org/x ./ main | takes no components
            """)
    void refusesMalformedOneLineEntries(String why, String line, String reason) {
        FeedException e = assertThrows(FeedException.class,
                () -> new AptSourcesReader(root).parseList("\n" + line + "\n", "/etc/apt/sources.list"), why);

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertEquals("/etc/apt/sources.list:2", e.source());
        assertTrue(e.getMessage().contains(reason), why + ": " + e.getMessage());
    }

    @Test
    void refusesDeb822StanzasMissingRequiredFields() {
        FeedException e = assertThrows(FeedException.class, () -> new AptSourcesReader(root).parseSources(
                "Types: deb\nSuites: stable\nComponents: main\n", "/etc/apt/sources.list.d/x.sources"));

        assertEquals("/etc/apt/sources.list.d/x.sources (stanza at line 1): field 'URIs' is missing or empty",
                e.getMessage());
    }

    @Test
    void readsTheSourcesFilesOfARootInAptsOrder() throws Exception {
        installDefaultKeyring();
        write("etc/apt/sources.list", "deb http://example.org/a stable main\n");
        write("etc/apt/sources.list.d/20-b.sources",
                "Types: deb\nURIs: http://example.org/b\nSuites: stable\nComponents: main\n");
        write("etc/apt/sources.list.d/10-c.list", "deb http://example.org/c stable main\n");
        write("etc/apt/sources.list.d/30-d.list.save", "deb http://example.org/ignored stable main\n");
        write("etc/apt/sources.list.d/40-e.list.disabled", "deb http://example.org/ignored stable main\n");

        AptSources host = new AptSourcesReader(root).read();

        assertEquals(List.of("http://example.org/a/", "http://example.org/c/", "http://example.org/b/"),
                host.sources().stream().map(AptSource::uri).toList());
    }

    /** Reads this machine's own sources, read-only; it assumes nothing about which mirror they name. */
    @Test
    void readsThisHostsRealAptSources() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/etc/apt")), "not an APT host");

        AptSources host = new AptSourcesReader(Path.of("/")).read();

        for (AptSource s : host.sources()) {
            assertTrue(s.uri().matches("[a-z+]+:.*/"), s.toString());
            assertFalse(s.suite().isEmpty(), s.toString());
            assertFalse(s.components().isEmpty(), s.toString());
            if (s.signedBy() != null && s.signedBy().inlineKey() == null) {
                for (Path keyring : s.signedBy().keyrings()) {
                    assertTrue(Files.isRegularFile(keyring), "missing keyring " + keyring + " for " + s);
                }
            }
        }
        boolean anyDeb822Deb = false;
        try (var files = Files.list(Path.of("/etc/apt/sources.list.d"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".sources")).toList()) {
                anyDeb822Deb |= Files.readString(p).lines().anyMatch(l -> l.matches("(?i)types:.*\\bdeb\\b.*"));
            }
        } catch (IOException e) {
            anyDeb822Deb = false;
        }
        assertTrue(!anyDeb822Deb || !host.sources().isEmpty(), host.toString());
    }

    /**
     * Verifies, for each of this host's sources whose InRelease apt has already fetched, that the keys the
     * sources name verify it; skipped when apt has fetched none.
     */
    @Test
    void thisHostsSignedByKeysVerifyTheInReleaseFilesAptFetched() throws Exception {
        Path lists = Path.of("/var/lib/apt/lists");
        assumeTrue(Files.isDirectory(lists), "no apt lists");
        int verified = 0;
        for (AptSource s : new AptSourcesReader(Path.of("/")).read().sources()) {
            Path inRelease = lists.resolve(aptListName(s.fileUri("InRelease")));
            if (s.signedBy() == null || !Files.isRegularFile(inRelease)) {
                continue;
            }
            VerifiedText text = s.signedBy().verifier().verifyCleartext(Files.readAllBytes(inRelease),
                    inRelease.toString());
            ReleaseChecks.checkSuite(ReleaseParser.parse(text.text(), inRelease.toString()), s.suite());
            verified++;
        }
        assumeTrue(verified > 0, "apt has fetched no InRelease for these sources");
    }

    /** Returns the file name apt gives a fetched URI in its lists directory. */
    private static String aptListName(String uri) {
        String withoutScheme = uri.substring(uri.indexOf("://") + 3);
        return withoutScheme.replace("/", "_");
    }
}
