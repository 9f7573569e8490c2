package dev.goldsmith.catalog.version;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.version.VercmpFixtures.LabelledPair;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RpmVersionTest {

    static Stream<Arguments> versionsRpmSplits() {
        return Stream.of(
                Arguments.of("1.0", 0, "1.0", null, "no epoch, no release"),
                Arguments.of("2:1.0-1.el9", 2, "1.0", "1.el9", "all three parts"),
                Arguments.of("1.0-1-2", 0, "1.0-1", "2", "the release starts after the last hyphen"),
                Arguments.of("1:2:3", 1, "2:3", null, "colons after the epoch belong to the version"),
                Arguments.of(":1", 0, "1", null, "an empty epoch is zero"),
                Arguments.of("0001:1", 1, "1", null, "leading zeros in the epoch"),
                Arguments.of("a:1", 0, "a:1", null, "letters before a colon are no epoch"),
                Arguments.of("+1:2", 0, "+1:2", null, "a sign before a colon is no epoch"),
                Arguments.of("1.0:1-1", 0, "1.0:1", "1", "a dot before a colon is no epoch"),
                Arguments.of("1-2:3", 0, "1", "2:3", "a colon after the hyphen belongs to the release"),
                Arguments.of("1:", 1, "", null, "rpm accepts an empty version"),
                Arguments.of("1:-1", 1, "", "1", "rpm accepts an empty version before a release"),
                Arguments.of("1.0-", 0, "1.0", "", "rpm accepts an empty release"),
                Arguments.of("-", 0, "", "", "rpm accepts a lone hyphen"),
                Arguments.of(" ", 0, " ", null, "rpm accepts a version of separators only"));
    }

    @ParameterizedTest(name = "''{0}'': {4}")
    @MethodSource("versionsRpmSplits")
    void splitsEpochVersionAndReleaseAsRpmDoes(String text, long epoch, String version, String release,
            String reason) {
        assertEquals(new RpmVersion(BigInteger.valueOf(epoch), version, release), RpmVersion.parse(text), reason);
    }

    @Test
    void keepsEpochsOfAnySize() {
        assertEquals(new BigInteger("99999999999999999999999"),
                RpmVersion.parse("99999999999999999999999:1").epoch());
    }

    @Test
    void refusesTheEmptyStringAsRpmVercmpDoes() {
        InvalidVersionException refused = assertThrows(InvalidVersionException.class, () -> RpmVersion.parse(""));
        assertAll(
                () -> assertEquals("version string is empty", refused.reason()),
                () -> assertEquals(VersionScheme.RPM, refused.scheme()),
                () -> assertEquals("invalid rpm version '': version string is empty", refused.getMessage()));
    }

    @Test
    void refusesANulCharacter() {
        InvalidVersionException refused = assertThrows(InvalidVersionException.class,
                () -> RpmVersion.parse("1.0\0-1"));
        assertEquals("invalid rpm version '1.0\\u0000-1': version string contains a NUL character",
                refused.getMessage());
    }

    @Test
    void agreesWithRpmOnEveryFixturePair() {
        List<LabelledPair> pairs = VercmpFixtures.rpmPairs();
        List<String> disagreements = new ArrayList<>();
        for (LabelledPair pair : pairs) {
            try {
                int actual = Integer.signum(RpmVersion.parse(pair.left()).compareTo(RpmVersion.parse(pair.right())));
                if (actual != pair.expected()) {
                    disagreements.add("line " + pair.line() + ": " + pair.left() + " vs " + pair.right()
                            + ": rpm says " + pair.expected() + ", got " + actual);
                }
            } catch (InvalidVersionException e) {
                disagreements.add("line " + pair.line() + ": " + e.getMessage() + ", rpm compared it");
            }
        }
        assertEquals(3000, pairs.size(), "pairs in rpm_vercmp.tsv");
        assertTrue(disagreements.isEmpty(),
                () -> disagreements.size() + " disagreements with rpm:\n" + String.join("\n", disagreements));
    }

    static Stream<Arguments> orderedPairs() {
        return Stream.of(
                Arguments.of("1.0-1", "1.0", 1, "a missing release is not a wildcard"),
                Arguments.of("1.0-", "1.0", 1, "even an empty release is newer than none"),
                Arguments.of("1.0-", "1.0-0", -1, "an empty release is older than any segment"),
                Arguments.of("1.0~rc1", "1.0", -1, "a tilde sorts before the end of the string"),
                Arguments.of("1.0~~", "1.0~", -1, "two tildes sort before one"),
                Arguments.of("1.0^", "1.0", 1, "a caret sorts after the end of the string"),
                Arguments.of("1.0^", "1.0.1", -1, "a caret sorts before a further segment"),
                Arguments.of("1.0^", "1.0~", 1, "a caret sorts after a tilde"),
                Arguments.of("1.0~rc1^git1", "1.0~rc1", 1, "a snapshot after a pre-release"),
                Arguments.of("1.0a", "1.0", 1, "leftover segments win"),
                Arguments.of("1.0a", "1.0.1", -1, "a number is newer than letters"),
                Arguments.of("2.0", "2a", 1, "a number is newer than letters after a separator too"),
                Arguments.of("1.01", "1.1", 0, "leading zeros do not count"),
                Arguments.of("1_0", "1.0", 0, "all separators are alike"),
                Arguments.of("1.0.", "1.0", 0, "trailing separators do not count"),
                Arguments.of("1é", "1", 0, "non-ASCII characters are separators"),
                Arguments.of("A", "a", -1, "letters compare by ASCII value"),
                Arguments.of("ab", "abc", -1, "a letter segment that is a prefix is older"),
                Arguments.of(":1", "0:1", 0, "an empty epoch is zero"),
                Arguments.of("a:1", "0:1", -1, "a colon without digits before it is part of the version"),
                Arguments.of("1:1.0", "2.0", 1, "the epoch comes first"),
                Arguments.of("99999999999999999999999:1", "1:1", 1, "epochs beyond 64 bits"),
                Arguments.of("1.0-1.el9_3", "1.0-1.el9_10", -1, "release segments compare as numbers"),
                Arguments.of("1." + "9".repeat(40), "1.1" + "0".repeat(40), -1, "a longer number is larger"),
                Arguments.of(" ", "1", -1, "a version of separators only is older than any segment"),
                Arguments.of("1-2:3", "1-2:4", -1, "release segments after a colon"));
    }

    @ParameterizedTest(name = "{0} vs {1}: {3}")
    @MethodSource("orderedPairs")
    void ordersAsRpmVercmpDoes(String left, String right, int expected, String reason) {
        RpmVersion a = RpmVersion.parse(left);
        RpmVersion b = RpmVersion.parse(right);
        assertAll(reason,
                () -> assertEquals(expected, Integer.signum(a.compareTo(b)), left + " vs " + right),
                () -> assertEquals(-expected, Integer.signum(b.compareTo(a)), right + " vs " + left));
    }

    @Test
    void writesEveryFixtureVersionSoThatItParsesBackToTheSameRecord() {
        List<String> failures = new ArrayList<>();
        List<String> texts = new ArrayList<>(VercmpFixtures.versionsOf(VercmpFixtures.rpmPairs()));
        texts.addAll(List.of("0:1:2", "0::x", "0:", "1:", "-", "-1", "1:-1", "a:1", "1.0-"));
        for (String text : texts) {
            RpmVersion version = RpmVersion.parse(text);
            RpmVersion reparsed = RpmVersion.parse(version.toString());
            if (!reparsed.equals(version)) {
                failures.add(text + " -> " + version + " -> " + reparsed);
            }
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void refusesComponentsThatNoVersionStringCouldProduce() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new RpmVersion(BigInteger.valueOf(-1), "1", null)),
                () -> assertThrows(IllegalArgumentException.class, () -> new RpmVersion(BigInteger.ZERO, "1", "a-b")),
                () -> assertThrows(IllegalArgumentException.class, () -> new RpmVersion(BigInteger.ZERO, "1-2", null)),
                () -> assertThrows(NullPointerException.class, () -> new RpmVersion(null, "1", null)));
    }
}
