package dev.goldsmith.catalog.version;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An RPM version, {@code [epoch:]version[-release]}, parsed and ordered as {@code rpm.vercmp} of rpm 4.18 does
 * it (the Lua binding over {@code rpmverParse} and {@code rpmverCmp}).
 *
 * <h2>How a string splits</h2>
 * The epoch is the run of ASCII digits at the start of the string, and only if a colon follows it; an empty
 * run before that colon means epoch 0, and so does a missing epoch. The release is whatever follows the last
 * hyphen after that digit run, and is absent when there is no hyphen. So {@code 1.0-1-2} is version
 * {@code 1.0-1}, release {@code 2}; {@code a:1} and {@code 1.0:1-1} have no epoch, and their colon is part of
 * the version.
 *
 * <h2>What is refused</h2>
 * Probing rpm 4.18.0 ({@code rpm --eval '%{lua: print(rpm.vercmp(a, b))}'}) shows that {@code rpm.vercmp}
 * refuses only the empty string ("invalid version"). Everything else is compared, so {@link #parse} accepts
 * it too:
 * <ul>
 *   <li>there is no such thing as a non-numeric epoch: {@code a:1} is the version {@code a:1}, older than
 *       {@code 0:1} because a letter segment sorts before a number;</li>
 *   <li>an empty epoch, version or release ({@code :1}, {@code 1:}, {@code 1:-1}, {@code 1.0-}, {@code -});</li>
 *   <li>epochs of any size ({@code 99999999999999999999999:1});</li>
 *   <li>any character; those that are not ASCII letters, digits, {@code ~} or {@code ^} only separate
 *       segments.</li>
 * </ul>
 * As a deliberate difference, a NUL character is refused, because C would silently cut the string there.
 *
 * <p>Other rpm tools disagree with {@code rpm.vercmp}, which is why they are not the reference here.
 * {@code rpmdev-vercmp} (rpmdevtools) splits at the first colon and the first hyphen after it, then calls
 * Python's {@code rpm.labelCompare}; with rpm 4.18 that refuses any string whose version part is empty
 * ({@code 1:}, {@code -1}, the empty string) and compares a non-numeric epoch as a segment ({@code a:1} is older
 * than {@code 1}). {@code rpmbuild} refuses, inside a spec file's dependency, an epoch that is not an unsigned
 * number ({@code a:1.0}, {@code +1:2}), a second colon or hyphen ({@code 1:2:3}, {@code 1.0-1-2}), and characters
 * other than ASCII letters, digits and {@code ._+%{}~^-:}; those are rules for writing packages, not for
 * comparing versions.
 *
 * <h2>Ordering</h2>
 * Epochs compare as numbers. Versions, then releases, compare with {@code rpmvercmp}: each string is cut into
 * segments of ASCII digits or ASCII letters, anything else separating them. {@code ~} sorts before everything,
 * the end of the string included; {@code ^} sorts after the end of the string but before any further segment.
 * A digit segment is newer than a letter segment; digit segments compare as numbers of any length, leading
 * zeros ignored; letter segments compare by ASCII value. When all segments agree, the string with segments
 * left over is newer. A missing release is not a wildcard: it is older than any release, even an empty one,
 * so {@code 1.0-1} is newer than {@code 1.0}.
 *
 * <p>Comparison allocates nothing; parse a version once and compare the parsed value as often as needed. The
 * natural ordering is inconsistent with {@code equals}: {@code 1.01} and {@code 1.1} compare as equal.
 *
 * @param epoch   the epoch, zero or more; zero when the string has none
 * @param version the version; may be empty, as rpm allows
 * @param release the release, or {@code null} when the string has no hyphen after the epoch
 */
public record RpmVersion(BigInteger epoch, String version, String release) implements Comparable<RpmVersion> {

    /**
     * Checks that the components could have come from {@link #parse}, so that {@link #toString} gives a string
     * that parses back to an equal record.
     */
    public RpmVersion {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(version, "version");
        if (epoch.signum() < 0) {
            throw new IllegalArgumentException("epoch must not be negative: " + epoch);
        }
        if (release != null && release.indexOf('-') >= 0) {
            throw new IllegalArgumentException("release must not contain a hyphen: " + quote(release));
        }
        if (release == null && version.indexOf('-') >= 0) {
            throw new IllegalArgumentException(
                    "version " + quote(version) + " may contain a hyphen only when there is a release");
        }
        if (version.indexOf('\0') >= 0 || (release != null && release.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("version and release must not contain NUL");
        }
    }

    /**
     * Returns the version {@code text} denotes, or throws {@link InvalidVersionException} for the empty string
     * or one holding a NUL character.
     */
    public static RpmVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw invalid(text, "version string is empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw invalid(text, "version string contains a NUL character");
        }
        int digitsEnd = 0;
        while (digitsEnd < text.length() && isDigit(text.charAt(digitsEnd))) {
            digitsEnd++;
        }
        BigInteger epoch = BigInteger.ZERO;
        int versionStart = 0;
        if (digitsEnd < text.length() && text.charAt(digitsEnd) == ':') {
            epoch = epochOf(text, digitsEnd);
            versionStart = digitsEnd + 1;
        }
        // The digit run holds no hyphen, so the last hyphen anywhere is the last one after it.
        int hyphen = text.lastIndexOf('-');
        if (hyphen < 0) {
            return new RpmVersion(epoch, text.substring(versionStart), null);
        }
        return new RpmVersion(epoch, text.substring(versionStart, hyphen), text.substring(hyphen + 1));
    }

    /** Compares by epoch, then version, then release, as {@code rpm.vercmp} does. */
    @Override
    public int compareTo(RpmVersion other) {
        int order = epoch.compareTo(other.epoch);
        if (order != 0) {
            return order;
        }
        order = compareSegments(version, other.version);
        if (order != 0) {
            return order;
        }
        if (release == null || other.release == null) {
            return release == null ? (other.release == null ? 0 : -1) : 1;
        }
        return compareSegments(release, other.release);
    }

    /**
     * Returns the version as rpm would write it: the epoch only when it is not zero or the version would
     * otherwise be misread, the release only when there is one.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(version.length() + 24);
        if (epoch.signum() != 0 || (version.isEmpty() && release == null) || startsWithEpochSyntax(version)) {
            text.append(epoch).append(':');
        }
        text.append(version);
        if (release != null) {
            text.append('-').append(release);
        }
        return text.toString();
    }

    /** Compares two versions or two releases with rpm's {@code rpmvercmp}; returns -1, 0 or 1. */
    static int compareSegments(String a, String b) {
        int aLength = a.length();
        int bLength = b.length();
        int i = 0;
        int j = 0;
        while (i < aLength || j < bLength) {
            while (i < aLength && isSeparator(a.charAt(i))) {
                i++;
            }
            while (j < bLength && isSeparator(b.charAt(j))) {
                j++;
            }
            char aChar = i < aLength ? a.charAt(i) : '\0';
            char bChar = j < bLength ? b.charAt(j) : '\0';

            if (aChar == '~' || bChar == '~') {
                if (aChar != '~') {
                    return 1;
                }
                if (bChar != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            // A caret is like a tilde, except that the string that has ended is the older one.
            if (aChar == '^' || bChar == '^') {
                if (i == aLength) {
                    return -1;
                }
                if (j == bLength) {
                    return 1;
                }
                if (aChar != '^') {
                    return 1;
                }
                if (bChar != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i == aLength || j == bLength) {
                break;
            }

            boolean numeric = isDigit(aChar);
            int aStart = i;
            int bStart = j;
            i = segmentEnd(a, i, numeric);
            j = segmentEnd(b, j, numeric);
            if (j == bStart) {
                // Segments of different kinds: a number is newer than letters.
                return numeric ? 1 : -1;
            }
            int order = numeric
                    ? compareNumbers(a, aStart, i, b, bStart, j)
                    : compareText(a, aStart, i, b, bStart, j);
            if (order != 0) {
                return order;
            }
        }
        if (i >= aLength && j >= bLength) {
            return 0;
        }
        return i >= aLength ? -1 : 1;
    }

    private static int segmentEnd(String s, int start, boolean numeric) {
        int end = start;
        while (end < s.length() && (numeric ? isDigit(s.charAt(end)) : isLetter(s.charAt(end)))) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
        while (aStart < aEnd && a.charAt(aStart) == '0') {
            aStart++;
        }
        while (bStart < bEnd && b.charAt(bStart) == '0') {
            bStart++;
        }
        int aDigits = aEnd - aStart;
        int bDigits = bEnd - bStart;
        if (aDigits != bDigits) {
            return aDigits > bDigits ? 1 : -1;
        }
        return compareText(a, aStart, aEnd, b, bStart, bEnd);
    }

    private static int compareText(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
        int common = Math.min(aEnd - aStart, bEnd - bStart);
        for (int k = 0; k < common; k++) {
            char aChar = a.charAt(aStart + k);
            char bChar = b.charAt(bStart + k);
            if (aChar != bChar) {
                return aChar < bChar ? -1 : 1;
            }
        }
        return Integer.compare(aEnd - aStart, bEnd - bStart);
    }

    private static BigInteger epochOf(String text, int digitsEnd) {
        if (digitsEnd == 0) {
            return BigInteger.ZERO;
        }
        // BigInteger.valueOf hands out shared instances for the small epochs real packages use.
        if (digitsEnd <= 18) {
            return BigInteger.valueOf(Long.parseLong(text, 0, digitsEnd, 10));
        }
        return new BigInteger(text.substring(0, digitsEnd));
    }

    /** Returns whether {@code version} starts with digits and a colon, which would be read back as an epoch. */
    private static boolean startsWithEpochSyntax(String version) {
        int i = 0;
        while (i < version.length() && isDigit(version.charAt(i))) {
            i++;
        }
        return i < version.length() && version.charAt(i) == ':';
    }

    private static boolean isSeparator(char c) {
        return !isDigit(c) && !isLetter(c) && c != '~' && c != '^';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String quote(String value) {
        return InvalidVersionException.quote(value);
    }

    private static InvalidVersionException invalid(String text, String reason) {
        return new InvalidVersionException(VersionScheme.RPM, text, reason);
    }
}
