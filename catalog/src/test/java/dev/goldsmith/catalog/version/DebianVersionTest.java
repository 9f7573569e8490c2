package dev.goldsmith.catalog.version;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.version.VercmpFixtures.LabelledPair;
import dev.goldsmith.catalog.version.VercmpFixtures.RefusedPair;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DebianVersionTest {

    private static final Pattern DPKG_REFUSAL = Pattern.compile("version '(.*)' has bad syntax: (.*)");

    static Stream<Arguments> wellFormedVersions() {
        return Stream.of(
                Arguments.of("1.0", 0, "1.0", "", "no epoch, no revision"),
                Arguments.of("1:2.3-4", 1, "2.3", "4", "all three parts"),
                Arguments.of("1.0-1-2", 0, "1.0-1", "2", "the revision starts after the last hyphen"),
                Arguments.of("1:2:3", 1, "2:3", "", "colons after the epoch belong to the upstream version"),
                Arguments.of("1:1.0-r:x", 1, "1.0", "r:x", "a colon in the revision only draws a warning"),
                Arguments.of(" 1.0\t", 0, "1.0", "", "spaces and tabs around the version are trimmed"),
                Arguments.of("+1:2", 1, "2", "", "strtol accepts a plus sign"),
                Arguments.of("-0:2", 0, "2", "", "minus zero is not negative"),
                Arguments.of("\n1:2", 1, "2", "", "strtol skips a newline before the epoch"),
                Arguments.of("00001:1", 1, "1", "", "leading zeros in the epoch"),
                Arguments.of("2147483647:1", Integer.MAX_VALUE, "1", "", "the largest epoch dpkg allows"),
                Arguments.of("a", 0, "a", "", "not starting with a digit only draws a warning"),
                Arguments.of("1.0_x", 0, "1.0_x", "", "an odd character only draws a warning"),
                Arguments.of("1.0-r_x", 0, "1.0", "r_x", "an odd character in the revision only draws a warning"));
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("wellFormedVersions")
    void splitsEpochUpstreamAndRevisionAsDpkgDoes(String text, int epoch, String upstream, String revision,
            String reason) {
        assertEquals(new DebianVersion(epoch, upstream, revision), DebianVersion.parse(text), reason);
    }

    static Stream<Arguments> versionsDpkgRefuses() {
        return Stream.of(
                Arguments.of("", "version string is empty"),
                Arguments.of(" \t ", "version string is empty"),
                Arguments.of("1 .0", "version string has embedded spaces"),
                Arguments.of("1\t2", "version string has embedded spaces"),
                Arguments.of("1: 1", "version string has embedded spaces"),
                Arguments.of(":1", "epoch in version is empty"),
                Arguments.of("a:1", "epoch in version is empty"),
                Arguments.of("+:1", "epoch in version is empty"),
                Arguments.of("1.0:1-1", "epoch in version is not number"),
                Arguments.of("1.0-r:x", "epoch in version is not number"),
                Arguments.of("0x1:1", "epoch in version is not number"),
                Arguments.of("-1:2", "epoch in version is negative"),
                Arguments.of("-99999999999999999999:1", "epoch in version is negative"),
                Arguments.of("2147483648:1", "epoch in version is too big"),
                Arguments.of("99999999999999999999:1", "epoch in version is too big"),
                Arguments.of("1:", "nothing after colon in version number"),
                Arguments.of("1.0-", "revision number is empty"),
                Arguments.of("1:- ", "revision number is empty"),
                Arguments.of("-", "revision number is empty"),
                Arguments.of("-1", "version number is empty"),
                Arguments.of("1:-1", "version number is empty"),
                Arguments.of("1: ", "version number is empty"),
                Arguments.of("1.0\0", "version string contains a NUL character"));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @MethodSource("versionsDpkgRefuses")
    void refusesWhatDpkgRefusesWithDpkgsReason(String text, String reason) {
        InvalidVersionException refused = assertThrows(InvalidVersionException.class,
                () -> DebianVersion.parse(text));
        assertAll(
                () -> assertEquals(reason, refused.reason()),
                () -> assertEquals(text, refused.value()),
                () -> assertEquals(VersionScheme.DPKG, refused.scheme()));
    }

    @Test
    void refusalMessageNamesTheValueAndTheReason() {
        InvalidVersionException refused = assertThrows(InvalidVersionException.class,
                () -> DebianVersion.parse("1.0-"));
        assertEquals("invalid dpkg version '1.0-': revision number is empty", refused.getMessage());
    }

    @Test
    void refusesEveryVersionDpkgRefusedInTheFixturesWithTheSameReason() {
        List<String> failures = new ArrayList<>();
        for (RefusedPair pair : VercmpFixtures.dpkgRefusedPairs()) {
            Matcher matcher = DPKG_REFUSAL.matcher(pair.message());
            if (!matcher.find()) {
                failures.add("line " + pair.line() + ": cannot read dpkg's message " + pair.message());
                continue;
            }
            String refused = matcher.group(1);
            String reason = matcher.group(2);
            try {
                DebianVersion.parse(refused);
                failures.add("line " + pair.line() + ": accepted '" + refused + "', dpkg said: " + reason);
            } catch (InvalidVersionException e) {
                if (!e.reason().equals(reason)) {
                    failures.add("line " + pair.line() + ": '" + refused + "' refused for '" + e.reason()
                            + "', dpkg said: " + reason);
                }
            }
            // dpkg parses the left version first and stops at the first error, so when it names the right one
            // the left one was accepted.
            if (refused.equals(pair.right()) && !refused.equals(pair.left())) {
                try {
                    DebianVersion.parse(pair.left());
                } catch (InvalidVersionException e) {
                    failures.add("line " + pair.line() + ": refused '" + pair.left() + "', which dpkg accepted");
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " disagreements:\n" + String.join("\n", failures));
    }

    @Test
    void agreesWithDpkgOnEveryFixturePair() {
        List<LabelledPair> pairs = VercmpFixtures.dpkgPairs();
        List<String> disagreements = new ArrayList<>();
        for (LabelledPair pair : pairs) {
            try {
                int actual = Integer.signum(DebianVersion.parse(pair.left()).compareTo(
                        DebianVersion.parse(pair.right())));
                if (actual != pair.expected()) {
                    disagreements.add("line " + pair.line() + ": " + pair.left() + " vs " + pair.right()
                            + ": dpkg says " + pair.expected() + ", got " + actual);
                }
            } catch (InvalidVersionException e) {
                disagreements.add("line " + pair.line() + ": " + e.getMessage() + ", dpkg compared it");
            }
        }
        assertEquals(5000, pairs.size(), "pairs in dpkg_vercmp.tsv");
        assertTrue(disagreements.isEmpty(),
                () -> disagreements.size() + " disagreements with dpkg:\n" + String.join("\n", disagreements));
    }

    static Stream<Arguments> orderedPairs() {
        String nines = "9".repeat(40);
        String zeros = "0".repeat(50);
        return Stream.of(
                Arguments.of("1.0~rc1", "1.0", -1, "a tilde sorts before the end of the string"),
                Arguments.of("1.0~~", "1.0~", -1, "two tildes sort before one"),
                Arguments.of("1.0", "1.0a", -1, "the end of the string sorts before a letter"),
                Arguments.of("1.0a", "1.0+", -1, "letters sort before other characters"),
                Arguments.of("1.0Z", "1.0a", -1, "letters sort by ASCII value"),
                Arguments.of("1.0+", "1.0.", -1, "other characters sort by ASCII value"),
                Arguments.of("1.0-a", "1.0-1", 1, "a letter sorts after a digit run"),
                Arguments.of("1.9", "1.10", -1, "digit runs compare as numbers"),
                Arguments.of("1.010", "1.10", 0, "leading zeros do not count"),
                Arguments.of("1.0", "1.0-0", 0, "a missing revision equals revision 0"),
                Arguments.of("1.0", "1.0.", -1, "a trailing dot is a character like any other"),
                Arguments.of("1:0.1", "9.9", 1, "the epoch comes first"),
                Arguments.of("1." + nines, "1.1" + "0".repeat(40), -1, "a longer digit run is larger"),
                Arguments.of("0000" + "1" + zeros, "1" + zeros, 0, "huge numbers with leading zeros"),
                Arguments.of("1" + zeros + "1", "1" + zeros + "2", -1, "huge numbers differing in the last digit"),
                Arguments.of("1.0-1", "1.0-1~bpo1", 1, "a backport sorts before its base revision"),
                Arguments.of("1é", "1a", 1, "a non-ASCII character sorts after letters"),
                Arguments.of("1é", "1.", -1, "a non-ASCII character sorts before ASCII punctuation"),
                Arguments.of("1é", "1", 1, "a non-ASCII character sorts after the end of the string"),
                Arguments.of("1é", "1è", 1, "non-ASCII characters sort by code point"),
                Arguments.of("1\uD83D\uDE00", "1\uFFFD", 1, "code point order, not UTF-16 order"));
    }

    @ParameterizedTest(name = "{0} vs {1}: {3}")
    @MethodSource("orderedPairs")
    void ordersAsDpkgDoes(String left, String right, int expected, String reason) {
        DebianVersion a = DebianVersion.parse(left);
        DebianVersion b = DebianVersion.parse(right);
        assertAll(reason,
                () -> assertEquals(expected, Integer.signum(a.compareTo(b)), left + " vs " + right),
                () -> assertEquals(-expected, Integer.signum(b.compareTo(a)), right + " vs " + left));
    }

    @Test
    void writesEveryFixtureVersionSoThatItParsesBackToTheSameRecord() {
        List<String> failures = new ArrayList<>();
        for (String text : VercmpFixtures.versionsOf(VercmpFixtures.dpkgPairs())) {
            DebianVersion version = DebianVersion.parse(text);
            DebianVersion reparsed = DebianVersion.parse(version.toString());
            if (!reparsed.equals(version)) {
                failures.add(text + " -> " + version + " -> " + reparsed);
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void writesTheEpochWhenAColonWouldOtherwiseBeReadAsOne() {
        assertAll(
                () -> assertEquals("0:1:2", DebianVersion.parse("0:1:2").toString()),
                () -> assertEquals("0:1-a:b", DebianVersion.parse("0:1-a:b").toString()),
                () -> assertEquals("1.0-1", DebianVersion.parse("0:1.0-1").toString()));
    }

    @Test
    void refusesComponentsThatNoVersionStringCouldProduce() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> new DebianVersion(-1, "1", "")),
                () -> assertThrows(IllegalArgumentException.class, () -> new DebianVersion(0, "", "1")),
                () -> assertThrows(IllegalArgumentException.class, () -> new DebianVersion(0, "1", "a-b")),
                () -> assertThrows(IllegalArgumentException.class, () -> new DebianVersion(0, "1-2", "")),
                () -> assertThrows(IllegalArgumentException.class, () -> new DebianVersion(0, "1 2", "")),
                () -> assertThrows(NullPointerException.class, () -> new DebianVersion(0, "1", null)));
    }
}
