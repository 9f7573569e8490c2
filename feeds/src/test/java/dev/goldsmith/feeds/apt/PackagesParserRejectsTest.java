package dev.goldsmith.feeds.apt;

import static dev.goldsmith.feeds.apt.PackagesParserTest.MAIN;
import static dev.goldsmith.feeds.apt.PackagesParserTest.fixture;
import static dev.goldsmith.feeds.apt.PackagesParserTest.parse;
import static dev.goldsmith.feeds.apt.PackagesParserTest.stanza;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each case spoils the real bookworm excerpt in one way and expects the file and the line in the message. */
class PackagesParserRejectsTest {

    private static String text;

    @BeforeAll
    static void readFixture() throws IOException {
        text = fixture(MAIN);
    }

    @Test
    void rejectsAnIndexCutOffInsideAStanza() {
        // Cut just before the Size line of the 1000th stanza: it has a Filename but no Size and no SHA256.
        int stanzaStart = nthStanzaStart(1000);
        int cut = text.indexOf("\nSize: ", stanzaStart) + 1;

        FeedException e = rejection(text.substring(0, cut));

        assertMessage(e, "the stanza starting at line " + lineAt(stanzaStart));
        assertMessage(e, "ends at line " + (lineAt(cut) - 1) + " without a Size field");
    }

    @Test
    void rejectsAnIndexCutOffInsideTheLastSha256() {
        int cut = text.length() - 10;

        FeedException e = rejection(text.substring(0, cut));

        assertMessage(e, "line " + lineAt(cut) + ": SHA256 must be 64 hex digits");
    }

    @Test
    void rejectsAFieldLineWithoutItsColon() {
        String spoiled = text.replaceFirst("\nSection: games\n", "\nSection games\n");

        FeedException e = rejection(spoiled);

        assertMessage(e, "line " + lineOf(spoiled, "Section games")
                + ": expected 'Field: value' or a continuation line, found 'Section games'");
    }

    @Test
    void rejectsASizeThatIsNotANumber() {
        String spoiled = text.replaceFirst("\nSize: 7891488\n", "\nSize: 78914x8\n");

        FeedException e = rejection(spoiled);

        assertMessage(e, "line " + lineOf(spoiled, "Size: 78914x8") + ": Size must be a decimal number");
    }

    @Test
    void rejectsANegativeOrEmptySize() {
        assertMessage(rejection(stanza("neg", "Size: -1")), "line 5: Size must be a decimal number");
        assertMessage(rejection(stanza("empty", "Size: ")), "line 5: Size must be a decimal number");
    }

    @Test
    void rejectsASha256OfTheWrongLength() {
        String digest = "3a2118df47bf3f04285649f0455c2fc6fe2dc7f0b237073038aa00af41f0d5f2";
        String spoiled = text.replaceFirst(digest, digest.substring(1));

        FeedException e = rejection(spoiled);

        assertMessage(e, "line " + lineOf(spoiled, "SHA256: " + digest.substring(1)) + ": SHA256 must be 64 hex");
    }

    @Test
    void rejectsASha256WithANonHexDigit() {
        String digest = "3a2118df47bf3f04285649f0455c2fc6fe2dc7f0b237073038aa00af41f0d5f2";
        String spoiled = text.replaceFirst(digest, digest.replace('a', 'g'));

        FeedException e = rejection(spoiled);

        assertMessage(e, "line " + lineOf(spoiled, "SHA256: " + digest.replace('a', 'g')) + ": SHA256 must be");
    }

    @Test
    void rejectsAFieldThatAppearsTwiceInAStanza() {
        String spoiled = text.replaceFirst("\nPriority: optional\n", "\nPriority: optional\nVersion: 9.9\n");

        FeedException e = rejection(spoiled);

        assertMessage(e, "line " + lineOf(spoiled, "Version: 9.9")
                + ": field 'Version' appears twice in the stanza starting at line 1");
    }

    @Test
    void rejectsAFieldRepeatedInAnotherCase() {
        String spoiled = text.replaceFirst("\nPriority: optional\n", "\nPriority: optional\npriority: extra\n");

        FeedException e = rejection(spoiled);

        assertMessage(e, "line " + lineOf(spoiled, "priority: extra") + ": field 'priority' appears twice");
    }

    @Test
    void rejectsARepeatedFieldWhateverTheLengthOfItsNameAndItsCase() throws Exception {
        // Names up to 16 bytes are recognised by a packed fast path, longer ones by the general table.
        for (String field : List.of("X-Abcd", "X-Abcde", "X-Abcdef", "X-Abcdefgh-jklm", "X-Abcdefgh-jklmn",
                "X-Abcdefgh-jklmno", "X-Cargo-Built-Using-Something-Long")) {
            String once = stanza("n", field + ": first");
            String lower = field.toLowerCase(Locale.ROOT);

            assertEquals(2, parse(once + "\n" + once.replace("Package: n", "Package: m")).size(), field);
            assertMessage(rejection(once + field + ": second\n"), "line 8: field '" + field + "' appears twice");
            assertMessage(rejection(once + lower + ": second\n"), "line 8: field '" + lower + "' appears twice");
        }
    }

    @Test
    void rejectsAContinuationLineBeforeAnyField() {
        int second = nthStanzaStart(2);
        String spoiled = text.substring(0, second) + " stray continuation\n" + text.substring(second);

        FeedException e = rejection(spoiled);

        assertMessage(e, "line " + lineAt(second) + ": a continuation line comes before any field");
    }

    @Test
    void rejectsAContinuationOfAOneLineField() {
        String spoiled = text.replaceFirst("\nVersion: 0.0.26-3\n", "\nVersion: 0.0.26-3\n +b1\n");

        FeedException e = rejection(spoiled);

        assertMessage(e, "line 3: Version must fit on one line");
    }

    @Test
    void rejectsAStanzaWithoutEachRequiredField() {
        for (String field : List.of("Package", "Version", "Architecture", "Filename", "Size", "SHA256")) {
            // The first stanza loses the field; Package opens the file, so it has no line feed before it.
            String spoiled = field.equals("Package")
                    ? "X-Was-Package: gone\n" + text.substring(text.indexOf('\n') + 1)
                    : text.replaceFirst("\n" + field + ": [^\n]*\n", "\nX-Was-" + field + ": gone\n");

            FeedException e = rejection(spoiled);

            int stanzaEnd = lineOf(spoiled, "") - 1;
            assertMessage(e, "the stanza starting at line 1");
            assertMessage(e, "ends at line " + stanzaEnd + " without a " + field + " field");
        }
    }

    @Test
    void rejectsAnEmptyOrSpacedVersionNameOrArchitecture() {
        assertMessage(rejection(stanza("v", "Version: ")), "line 2: Version is empty");
        assertMessage(rejection(stanza("v", "Version: 1.0 -1")), "line 2: Version must be one word");
        assertMessage(rejection(stanza("v", "Architecture: amd 64")), "line 3: Architecture must be one word");
        assertMessage(rejection(stanza("v", "Package: ")), "line 1: Package is empty");
        assertMessage(rejection(stanza("v", "Filename: ")), "line 4: Filename is empty");
    }

    @Test
    void rejectsASourceThatIsNeitherANameNorANameWithVersion() {
        for (String source : List.of("foo (1.0", "foo 1.0", "foo ()", "foo (1.0) bar", "(1.0)", "foo (1 0)")) {
            String spoiled = stanza("s", "Source: " + source);

            FeedException e = rejection(spoiled);

            assertMessage(e, "line 7: Source must be 'name' or 'name (version)'");
        }
    }

    @Test
    void rejectsAFieldNameWithSpacesOrBytesBeyondAscii() {
        assertMessage(rejection("Package: a\nBad Name: x\n"), "line 2: expected 'Field: value'");
        assertMessage(rejection("Package: a\nCaf\u00e9: x\n"), "line 2: expected 'Field: value'");
        assertMessage(rejection("Package: a\n: x\n"), "line 2: expected 'Field: value'");
        assertMessage(rejection("Package: a\n#comment: x\n"), "line 2: expected 'Field: value'");
    }

    @Test
    void rejectsAKeptValueThatIsNotUtf8() {
        byte[] bytes = stanza("bad", "Filename: pool/x\u00ff.deb").getBytes(StandardCharsets.ISO_8859_1);

        FeedException e = assertThrows(FeedException.class,
                () -> PackagesParser.parse(new ByteArrayInputStream(bytes), "test/Packages", s -> { }));

        assertMessage(e, "line 4: Filename is not valid UTF-8: 'pool/x\\xff.deb'");
    }

    @Test
    void rejectsALineLongerThanTheLimit() {
        byte[] bytes = stanza("long", "Depends: " + "x".repeat(300)).getBytes(StandardCharsets.UTF_8);

        FeedException e = assertThrows(FeedException.class, () -> {
            PackagesParser parser = new PackagesParser(new ByteArrayInputStream(bytes), "test/Packages", 200);
            parser.next();
        });

        assertMessage(e, "line 7: the line is longer than 200 bytes");
    }

    @Test
    void rejectsALineLongerThanTheLimitBeforeReadingAllOfIt() {
        byte[] bytes = stanza("long", "Depends: " + "x".repeat(300_000)).getBytes(StandardCharsets.UTF_8);

        FeedException e = assertThrows(FeedException.class, () -> {
            PackagesParser parser = new PackagesParser(new ByteArrayInputStream(bytes), "test/Packages", 100_000);
            parser.next();
        });

        assertMessage(e, "line 7: the line is longer than 100000 bytes");
    }

    @Test
    void rejectsAnInputWithTooManyDistinctFieldNames() {
        StringBuilder many = new StringBuilder("Package: a\n");
        for (int i = 0; i < 1100; i++) {
            many.append("X-").append(i).append(": x\n");
        }

        FeedException e = rejection(many.toString());

        // Nine names are known from the start, so X-1015 on line 1017 is the 1025th.
        assertMessage(e, "line 1017: more than 1024 distinct field names");
    }

    @Test
    void returnsTheStanzasBeforeTheBadOneFirst() {
        String spoiled = text.replaceFirst("\nSize: 26360\n", "\nSize: many\n");
        List<PackageStanza> before = new ArrayList<>();

        assertThrows(FeedException.class, () -> PackagesParser.parse(
                new ByteArrayInputStream(spoiled.getBytes(StandardCharsets.UTF_8)), "test/Packages", before::add));

        assertEquals(List.of("0ad"), before.stream().map(PackageStanza::name).toList());
    }

    private static FeedException rejection(String spoiled) {
        FeedException e = assertThrows(FeedException.class, () -> parse(spoiled));
        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertEquals("test/Packages", e.source());
        return e;
    }

    private static void assertMessage(FeedException e, String expected) {
        assertTrue(e.getMessage().startsWith("test/Packages: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    /** Returns the offset of the first character of the n-th stanza, counting from 1. */
    private static int nthStanzaStart(int n) {
        int offset = 0;
        for (int i = 1; i < n; i++) {
            offset = text.indexOf("\n\n", offset) + 2;
        }
        return offset;
    }

    /** Returns the number of the line that holds the character at {@code offset}, counting from 1. */
    private static int lineAt(int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Returns the number of the first line of {@code in} that is exactly {@code line}, counting from 1. */
    private static int lineOf(String in, String line) {
        String[] lines = in.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals(line)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line '" + line + "'");
    }
}
