package dev.goldsmith.feeds.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseParserTest {

    private static final String SOURCE = "http://example.org/debian/dists/bookworm/InRelease";

    static Release realBookworm() throws Exception {
        VerifiedText text = OpenPgpVerifierTest.debianKeyring(Instant.parse("2026-07-12T00:00:00Z"))
                .verifyCleartext(OpenPgpVerifierTest.resource("bookworm-InRelease"), SOURCE);
        return ReleaseParser.parse(text.text(), SOURCE);
    }

    @Test
    void readsEveryFieldOfTheRealBookwormRelease() throws Exception {
        Release release = realBookworm();

        assertEquals("Debian", release.origin());
        assertEquals("Debian", release.label());
        assertEquals("oldstable", release.suite());
        assertEquals("bookworm", release.codename());
        assertEquals("12.15", release.version());
        assertEquals(Instant.parse("2026-07-11T10:16:37Z"), release.date());
        assertNull(release.validUntil());
        assertTrue(release.acquireByHash());
        assertEquals(List.of("all", "amd64", "arm64", "armel", "armhf", "i386", "mips64el", "mipsel", "ppc64el",
                "s390x"), release.architectures());
        assertEquals(List.of("main", "contrib", "non-free-firmware", "non-free"), release.components());
        assertEquals(SOURCE, release.source());
    }

    @Test
    void keepsTheSha256ListOfTheRealReleaseInOrder() throws Exception {
        Release release = realBookworm();

        assertEquals(Optional.of(new ReleaseFile("main/binary-amd64/Packages", 50060337,
                "515e692f2c4121c6fcec444ef100cc18f79a991910615f3a88c8b7becfc94d2f")),
                release.file("main/binary-amd64/Packages"));
        assertEquals(Optional.of(new ReleaseFile("main/binary-amd64/Packages.xz", 8790396,
                "9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5")),
                release.file("main/binary-amd64/Packages.xz"));
        assertEquals("contrib/Contents-all", release.listedFiles().iterator().next().path());
        assertEquals(release.files().size(), release.listedFiles().size());
        assertTrue(release.files().size() > 500, "entries: " + release.files().size());
        assertFalse(release.file("main/binary-amd64/Packages.bz2").isPresent());
    }

    @Test
    void readsValidUntilAndFieldNamesInAnyCase() throws Exception {
        Release release = ReleaseParser.parse("""
                origin: Example
                SUITE: stable-security
                Date: Wed, 2 Dec 2026 06:00:01 UTC
                Valid-Until: Wed, 09 Dec 2026 06:00:01 +0100
                Acquire-By-Hash: Yes
                sha256:
                 b56be1328bc35304a97167c5dd94b845cf81ba81fe043224dbd47a2342d68768 12 main/binary-amd64/Packages
                """, SOURCE);

        assertEquals("Example", release.origin());
        assertEquals("stable-security", release.suite());
        assertNull(release.codename());
        assertEquals(Instant.parse("2026-12-02T06:00:01Z"), release.date());
        assertEquals(Instant.parse("2026-12-09T05:00:01Z"), release.validUntil());
        assertTrue(release.acquireByHash());
        assertEquals(List.of(), release.components());
        assertEquals(12, release.file("main/binary-amd64/Packages").orElseThrow().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            apt's own form                | Sat, 11 Jul 2026 10:16:37 UTC   | 2026-07-11T10:16:37Z
            GMT                           | Sat, 11 Jul 2026 10:16:37 GMT   | 2026-07-11T10:16:37Z
            one-digit day, no day name    | 1 Dec 2026 00:00:00 UTC         | 2026-12-01T00:00:00Z
            numeric offset                | Tue, 01 Dec 2026 01:30:00 -0130 | 2026-12-01T03:00:00Z
            """)
    void readsDatesInTheFormsArchivesWrite(String why, String value, String expected) {
        assertEquals(Instant.parse(expected), AptDate.parse(value), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ISO instead of RFC 2822  | 2026-07-11T10:16:37Z
            unknown zone             | Sat, 11 Jul 2026 10:16:37 CEST
            no such month            | Sat, 11 Jux 2026 10:16:37 UTC
            31 February              | Sat, 31 Feb 2026 10:16:37 UTC
            hour 25                  | Sat, 11 Jul 2026 25:16:37 UTC
            two-digit year           | Sat, 11 Jul 26 10:16:37 UTC
            day name without comma   | Sat 11 Jul 2026 10:16:37 UTC
            """)
    void refusesMalformedDates(String why, String value) {
        FeedException e = assertThrows(FeedException.class,
                () -> ReleaseParser.parse("Date: " + value + "\nSHA256:\n", SOURCE), why);

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().startsWith(SOURCE + ": line 1: Date '" + value + "' is not a date"),
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            short hash | "SHA256:\\n abc 12 main/Packages\\n" | 'abc' is not a SHA-256
            size not a number | "SHA256:\\n %s 1x main/Packages\\n" | '1x' is not a size
            missing path | "SHA256:\\n %s 12\\n" | is not 'hash size path'
            parent directory | "SHA256:\\n %s 12 main/../../etc/passwd\\n" | has an empty, '.' or '..' segment
            absolute path | "SHA256:\\n %s 12 /etc/passwd\\n" | is not relative
            listed twice | "SHA256:\\n %s 12 main/Packages\\n %s 12 main/Packages\\n" | 'main/Packages' is listed twice
            value on field line | "SHA256: %s 12 main/Packages\\n" | must start on the next line
            repeated field | "Suite: a\\nSuite: b\\nSHA256:\\n" | field 'Suite' appears twice
            no colon | "Suite stable\\nSHA256:\\n" | expected 'Field: value'
            comment line | "# hello\\nSHA256:\\n" | comment lines are not allowed
            two stanzas | "Suite: a\\nSHA256:\\n\\nSuite: b\\n" | more than one stanza
            empty | "" | Release is empty
            """)
    void refusesMalformedReleases(String why, String text, String reason) {
        String hash = "9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5";
        String release = text.replace("\\n", "\n").replace("%s", hash);

        FeedException e = assertThrows(FeedException.class, () -> ReleaseParser.parse(release, SOURCE), why);

        assertEquals(FeedException.Kind.MALFORMED, e.kind(), why);
        assertTrue(e.getMessage().contains(reason), why + ": " + e.getMessage());
    }

    @Test
    void refusesAReleaseWithoutSha256AsUnsupported() {
        FeedException e = assertThrows(FeedException.class, () -> ReleaseParser.parse("""
                Suite: stable
                MD5Sum:
                 0ed6d4c8891eb86358b94bb35d9e4da4  1484322 contrib/Contents-all
                """, SOURCE));

        assertEquals(FeedException.Kind.UNSUPPORTED, e.kind());
        assertEquals(SOURCE + ": Release lists no SHA256 checksums; weaker ones are not trusted", e.getMessage());
    }
}
