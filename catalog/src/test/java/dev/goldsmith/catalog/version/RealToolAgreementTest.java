package dev.goldsmith.catalog.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.goldsmith.catalog.version.RandomVersionPairs.Pair;
import dev.goldsmith.catalog.version.RealTools.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the parsers against the real dpkg and rpm on pairs made fresh for each run, not only on the fixtures.
 * Set {@code -Dgoldsmith.vercmp.seed=N} to try other pairs; a failure names the seed.
 */
class RealToolAgreementTest {

    private static final long SEED = Long.getLong("goldsmith.vercmp.seed", 20261203L);
    private static final int PAIRS = 300;

    @Test
    void agreesWithDpkgOnFreshRandomPairs() {
        assumeTrue(RealTools.isInstalled("dpkg"), "dpkg is not installed; cannot ask it for verdicts");
        List<Pair> pairs = RandomVersionPairs.forDpkg(SEED, PAIRS);

        List<Verdict> theirs = RealTools.dpkgVerdicts(pairs);
        List<Verdict> ours = verdicts(pairs, DebianVersion::parse);

        assertAgreement("dpkg", pairs, theirs, ours, true);
    }

    @Test
    void agreesWithRpmVercmpOnFreshRandomPairs() {
        assumeTrue(RealTools.isInstalled("rpm"), "rpm is not installed (apt-get install rpm); cannot ask rpm.vercmp");
        List<Pair> pairs = RandomVersionPairs.forRpm(SEED, PAIRS);

        List<Verdict> theirs = RealTools.rpmVerdicts(pairs);
        List<Verdict> ours = verdicts(pairs, RpmVersion::parse);

        // rpm's refusal says only "invalid version", so for refusals compare which version, not the wording.
        assertAgreement("rpm", pairs, theirs, ours, false);
    }

    static Stream<Arguments> dpkgCommands() {
        return Stream.of(
                Arguments.of("1.0", "lt", "2.0", List.of("dpkg", "--compare-versions", "--", "1.0", "lt", "2.0"),
                        "plain versions are separate arguments"),
                Arguments.of("-1:2", "eq", "1", List.of("dpkg", "--compare-versions", "--", "-1:2", "eq", "1"),
                        "a leading hyphen stays an operand after --"),
                Arguments.of(" 1.0", "lt", "1 0", List.of("dpkg", "--compare-versions", "--", " 1.0", "lt", "1 0"),
                        "spaces reach dpkg untouched, with no shell to split them"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("dpkgCommands")
    void buildsDpkgCommandsAsArgumentLists(String left, String relation, String right, List<String> expected,
            String reason) {
        assertEquals(expected, RealTools.dpkgCommand(left, relation, right), reason);
    }

    private static <T extends Comparable<T>> List<Verdict> verdicts(List<Pair> pairs, Function<String, T> parser) {
        List<Verdict> verdicts = new ArrayList<>(pairs.size());
        for (Pair pair : pairs) {
            verdicts.add(verdict(pair, parser));
        }
        return verdicts;
    }

    private static <T extends Comparable<T>> Verdict verdict(Pair pair, Function<String, T> parser) {
        T left;
        T right;
        try {
            left = parser.apply(pair.left());
        } catch (InvalidVersionException e) {
            return Verdict.refusal(pair.left(), e.reason());
        }
        try {
            right = parser.apply(pair.right());
        } catch (InvalidVersionException e) {
            return Verdict.refusal(pair.right(), e.reason());
        }
        return Verdict.ordered(Integer.signum(left.compareTo(right)));
    }

    private static void assertAgreement(String tool, List<Pair> pairs, List<Verdict> theirs, List<Verdict> ours,
            boolean compareReasons) {
        List<String> disagreements = new ArrayList<>();
        int refusals = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Verdict their = theirs.get(i);
            Verdict our = ours.get(i);
            boolean agree = their.isRefusal()
                    ? our.isRefusal() && our.refused().equals(their.refused())
                            && (!compareReasons || our.reason().equals(their.reason()))
                    : !our.isRefusal() && our.order() == their.order();
            if (!agree) {
                Pair pair = pairs.get(i);
                disagreements.add("'" + pair.left() + "' vs '" + pair.right() + "': " + tool + " " + their
                        + ", we " + our);
            }
            refusals += their.isRefusal() ? 1 : 0;
        }
        int refused = refusals;
        assertTrue(disagreements.isEmpty(), () -> disagreements.size() + " of " + pairs.size()
                + " pairs disagree with " + tool + " (seed " + SEED + "):\n" + String.join("\n", disagreements));
        // Guard against a generator that drifts into testing nothing but refusals.
        assertTrue(refused < pairs.size() / 4, () -> tool + " refused " + refused + " of " + pairs.size() + " pairs");
    }
}
