package dev.goldsmith.catalog.version;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes fresh version pairs for checking against the real tools: mutations of real versions from the fixtures,
 * plus hand-picked edge cases. The same seed gives the same pairs.
 */
final class RandomVersionPairs {

    /** Two versions to compare, left against right. */
    record Pair(String left, String right) {
    }

    private static final List<String> DPKG_EDGES = List.of(
            "0", "00", "0:0", "1", "1.0", "1.0~", "1.0~~", "1.0~~a", "~", "~~", "~a", "a", "Z", "1a", "1A",
            "1:", ":1", "a:1", "-1:2", "+1:2", "-0:2", "1:2:3", "1.0:1-1", "2147483647:1", "2147483648:1",
            "1.0-", "-1", "1:-1", "1.0-0", "1.0-00", "1.0-a", "1:1.0-r:x", "1.0-r:x", " 1.0", "1.0 ", "1 0",
            "1.0_1", "1.0+", "1.0.", "1..0", "1.0+~", "1.0~+", "9".repeat(30), "1." + "0".repeat(30) + "1",
            "0".repeat(25) + "1", "1.2.3-4+b1", "1.2.3-4~bpo12+1", "1.2.3-4+deb12u1", "1.2.3+dfsg-4");

    private static final List<String> RPM_EDGES = List.of(
            "", " ", "0", "00", "1", "1.0", "1.0~", "1.0^", "1.0~^", "1.0^~", "~", "^", "a", "A", "1a", "a1",
            "1:", ":1", "0:", "a:1", "+1:2", "-1:2", "-", "--", "1.0-", "1.0-1-2", "1:-1", "1.0:1-1",
            "99999999999999999999999:1", "1.0%0", "1_0", "1..0", ".1", "1.", "9".repeat(30), "0".repeat(20) + "1",
            "1.0-1.el9_4", "1.0-1.el9_10", "1.0-1.module+el8.4.0+570+c2eaf144", "1.0^20240101git1a2b3c",
            "1.0~rc1^git1", "5.5p1", "5.5p10", "fc4", "FC5");

    private static final String DPKG_ALPHABET = "0123456789abzAZ.+~-:_";
    private static final String RPM_ALPHABET = "0123456789abzAZ.+~^-:_%";
    private static final List<String> DPKG_SUFFIXES = List.of(
            "~rc1", "~", "~~", "+b1", "+deb12u1", "~deb12u1", ".1", "a", "0", ".0", "-1", "+", ".", "-0",
            "~bpo12+1", "-");
    private static final List<String> RPM_SUFFIXES = List.of(
            "~rc1", "^", "^git1", "~", ".1", "a", "0", ".0", "-1", "_1", "+", ".", "^20240101git1a2b3c",
            ".el9_4", "-");

    private final Random random;
    private final List<String> realVersions;
    private final List<String> edges;
    private final String alphabet;
    private final List<String> suffixes;

    private RandomVersionPairs(long seed, List<String> realVersions, List<String> edges, String alphabet,
            List<String> suffixes) {
        this.random = new Random(seed);
        this.realVersions = realVersions;
        this.edges = edges;
        this.alphabet = alphabet;
        this.suffixes = suffixes;
    }

    /**
     * Returns {@code count} distinct pairs for dpkg. None is empty or {@code <unknown>}, which
     * {@code dpkg --compare-versions} reads as "not installed", and none holds a character that cannot travel
     * as a command-line argument.
     */
    static List<Pair> forDpkg(long seed, int count) {
        List<String> real = new ArrayList<>(VercmpFixtures.versionsOf(VercmpFixtures.dpkgPairs()));
        RandomVersionPairs generator = new RandomVersionPairs(seed, real, DPKG_EDGES, DPKG_ALPHABET, DPKG_SUFFIXES);
        return generator.pairs(count, version -> !version.isEmpty() && !version.equals("<unknown>"));
    }

    /** Returns {@code count} distinct pairs for rpm, none holding a tab or line break. */
    static List<Pair> forRpm(long seed, int count) {
        List<String> real = new ArrayList<>(VercmpFixtures.versionsOf(VercmpFixtures.rpmPairs()));
        RandomVersionPairs generator = new RandomVersionPairs(seed, real, RPM_EDGES, RPM_ALPHABET, RPM_SUFFIXES);
        return generator.pairs(count, version -> true);
    }

    private List<Pair> pairs(int count, Predicate<String> filter) {
        Set<Pair> pairs = new LinkedHashSet<>();
        while (pairs.size() < count) {
            Pair pair = nextPair();
            if (sendable(pair.left()) && sendable(pair.right())
                    && filter.test(pair.left()) && filter.test(pair.right())) {
                pairs.add(random.nextBoolean() ? pair : new Pair(pair.right(), pair.left()));
            }
        }
        return new ArrayList<>(pairs);
    }

    private Pair nextPair() {
        int kind = random.nextInt(100);
        if (kind < 35) {
            String real = pick(realVersions);
            return new Pair(mutate(real), real);
        }
        if (kind < 55) {
            String real = pick(realVersions);
            return new Pair(mutate(real), mutate(real));
        }
        if (kind < 70) {
            return new Pair(pick(realVersions), pick(realVersions));
        }
        if (kind < 85) {
            return new Pair(pick(edges), random.nextBoolean() ? pick(edges) : mutate(pick(edges)));
        }
        return new Pair(pick(edges), pick(realVersions));
    }

    private String mutate(String version) {
        switch (random.nextInt(9)) {
            case 0:
                return version + pick(suffixes);
            case 1:
                return insert(version, randomChar());
            case 2:
                return version.length() > 1 ? delete(version, random.nextInt(version.length())) : version + "0";
            case 3:
                return rewriteDigitRun(version);
            case 4:
                return changeEpoch(version);
            case 5:
                return changeRevision(version);
            case 6:
                return version.isEmpty() ? version : replace(version, random.nextInt(version.length()));
            case 7:
                return version.toUpperCase(Locale.ROOT);
            default:
                return mutate(mutate(version));
        }
    }

    private String rewriteDigitRun(String version) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < version.length()) {
            int start = i;
            while (i < version.length() && isDigit(version.charAt(i))) {
                i++;
            }
            if (i > start) {
                runs.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        if (runs.isEmpty()) {
            return version + random.nextInt(10);
        }
        int[] run = runs.get(random.nextInt(runs.size()));
        String digits = version.substring(run[0], run[1]);
        String replacement;
        switch (random.nextInt(4)) {
            case 0:
                replacement = "0".repeat(1 + random.nextInt(3)) + digits;
                break;
            case 1:
                replacement = hugeNumber();
                break;
            case 2:
                replacement = digits.length() > 9 ? digits + "1" : Long.toString(Long.parseLong(digits) + 1);
                break;
            default:
                replacement = digits.length() > 9 ? digits.substring(1)
                        : Long.toString(Math.max(0, Long.parseLong(digits) - 1));
                break;
        }
        return version.substring(0, run[0]) + replacement + version.substring(run[1]);
    }

    private String changeEpoch(String version) {
        int colon = version.indexOf(':');
        String rest = colon >= 0 ? version.substring(colon + 1) : version;
        switch (random.nextInt(5)) {
            case 0:
                return rest;
            case 1:
                return "0:" + rest;
            case 2:
                return (1 + random.nextInt(3)) + ":" + rest;
            case 3:
                return "00" + (1 + random.nextInt(3)) + ":" + rest;
            default:
                return hugeNumber() + ":" + rest;
        }
    }

    private String changeRevision(String version) {
        int hyphen = version.lastIndexOf('-');
        if (hyphen < 0) {
            return version + "-" + (random.nextInt(3) + 1);
        }
        switch (random.nextInt(3)) {
            case 0:
                return version.substring(0, hyphen);
            case 1:
                return version + "." + random.nextInt(3);
            default:
                return version.substring(0, hyphen + 1) + "0" + version.substring(hyphen + 1);
        }
    }

    private String hugeNumber() {
        StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
        int length = 19 + random.nextInt(25);
        while (digits.length() < length) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private String insert(String version, char c) {
        int at = random.nextInt(version.length() + 1);
        return version.substring(0, at) + c + version.substring(at);
    }

    private static String delete(String version, int at) {
        return version.substring(0, at) + version.substring(at + 1);
    }

    private String replace(String version, int at) {
        return version.substring(0, at) + randomChar() + version.substring(at + 1);
    }

    private char randomChar() {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Returns whether the version can go into an argument list or a tab-separated line unchanged. */
    private static boolean sendable(String version) {
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
