package dev.goldsmith.catalog.version;

import java.util.Objects;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, parsed and ordered as dpkg 1.21 does it.
 *
 * <h2>What is refused</h2>
 * {@link #parse} refuses exactly the strings that dpkg's own parser ({@code parseversion} in libdpkg, the one
 * behind {@code dpkg --compare-versions}) refuses with "bad syntax" as an error. The reason given is dpkg's:
 * <ul>
 *   <li>{@code version string is empty}: nothing but spaces and tabs;</li>
 *   <li>{@code version string has embedded spaces}: a space or tab between other characters (leading and
 *       trailing spaces and tabs are trimmed, as dpkg trims them);</li>
 *   <li>{@code epoch in version is empty}: no digits before the first colon ({@code :1}, {@code a:1});</li>
 *   <li>{@code epoch in version is not number}: digits, then something other than the first colon
 *       ({@code 1.0:1-1}, and also {@code 1.0-r:x}, because dpkg looks for the epoch at the first colon
 *       anywhere in the string);</li>
 *   <li>{@code epoch in version is negative} ({@code -1:2});</li>
 *   <li>{@code epoch in version is too big}: above 2147483647;</li>
 *   <li>{@code nothing after colon in version number} ({@code 1:});</li>
 *   <li>{@code revision number is empty}: a trailing hyphen ({@code 1.0-});</li>
 *   <li>{@code version number is empty}: nothing between epoch and revision ({@code -1}, {@code 1:-1},
 *       {@code 1: }).</li>
 * </ul>
 * dpkg reads the epoch with C's {@code strtol}, so a sign, and white space other than spaces and tabs, may come
 * before its digits: {@code +1:2} has epoch 1 and {@code -0:2} has epoch 0. Anything dpkg only warns about is
 * accepted: an upstream part that does not start with a digit, and characters outside
 * {@code [A-Za-z0-9.+~:-]} (in the revision, outside {@code [A-Za-z0-9.+~]}).
 *
 * <p>Two deliberate differences from dpkg: a NUL character is refused, because a C program would silently cut
 * the string there; and the empty string is refused, as dpkg's parser refuses it, although
 * {@code dpkg --compare-versions} lets an empty argument (and {@code <unknown>}) stand for "not installed".
 *
 * <h2>Ordering</h2>
 * Epochs compare as numbers. Upstream parts, then revisions, compare as alternating runs: a run of non-digits
 * character by character, where {@code ~} sorts before everything, even the end of the string, then come the
 * end of the string and digits, then letters (by ASCII value), then every other character; then a run of
 * digits as a number of any length, with leading zeros ignored. A missing revision equals {@code 0}, so
 * {@code 1.0} equals {@code 1.0-0}. Non-ASCII characters sort as dpkg sorts their UTF-8 bytes: after letters,
 * before ASCII punctuation, among themselves by code point.
 *
 * <p>Comparison allocates nothing; parse a version once and compare the parsed value as often as needed. The
 * natural ordering is inconsistent with {@code equals}: {@code 1.0} and {@code 1.00} are different records
 * that compare as equal.
 *
 * @param epoch    the epoch, from 0 to {@link Integer#MAX_VALUE}
 * @param upstream the upstream version; never empty
 * @param revision the Debian revision, or the empty string when the version has none
 */
public record DebianVersion(int epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    // Ranks of the characters in a non-digit run. Non-ASCII code points (at most 0x10FFFF) land between
    // letters and ASCII punctuation, which is where dpkg puts their UTF-8 bytes.
    private static final int TILDE_RANK = -1;
    private static final int NON_ASCII_RANK_BASE = 0x100;
    private static final int PUNCTUATION_RANK_BASE = 0x110100;

    /**
     * Checks that the components could have come from {@link #parse}, so that {@link #toString} gives a string
     * that parses back to an equal record.
     */
    public DebianVersion {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(revision, "revision");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative: " + epoch);
        }
        if (upstream.isEmpty()) {
            throw new IllegalArgumentException("upstream version must not be empty");
        }
        if (revision.indexOf('-') >= 0) {
            throw new IllegalArgumentException("revision must not contain a hyphen: " + quote(revision));
        }
        if (revision.isEmpty() && upstream.indexOf('-') >= 0) {
            throw new IllegalArgumentException(
                    "upstream version " + quote(upstream) + " may contain a hyphen only when there is a revision");
        }
        requireNoBlankOrNul(upstream, "upstream version");
        requireNoBlankOrNul(revision, "revision");
    }

    /**
     * Returns the version {@code text} denotes, or throws {@link InvalidVersionException} naming dpkg's reason for
     * refusing it.
     */
    public static DebianVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\0') >= 0) {
            throw invalid(text, "version string contains a NUL character");
        }
        int length = text.length();
        int start = 0;
        while (start < length && isBlank(text.charAt(start))) {
            start++;
        }
        if (start == length) {
            throw invalid(text, "version string is empty");
        }
        int end = start;
        while (end < length && !isBlank(text.charAt(end))) {
            end++;
        }
        for (int i = end; i < length; i++) {
            if (!isBlank(text.charAt(i))) {
                throw invalid(text, "version string has embedded spaces");
            }
        }

        int epoch = 0;
        int upstreamStart = start;
        int colon = text.indexOf(':', start);
        if (colon >= 0) {
            epoch = parseEpoch(text, start, colon);
            // dpkg tests the untrimmed string here, so "1: " passes this check and fails the next ones.
            if (colon + 1 == length) {
                throw invalid(text, "nothing after colon in version number");
            }
            upstreamStart = colon + 1;
        }

        String revision = "";
        int upstreamEnd = end;
        int hyphen = text.lastIndexOf('-', end - 1);
        if (hyphen >= upstreamStart) {
            if (hyphen == end - 1) {
                throw invalid(text, "revision number is empty");
            }
            revision = text.substring(hyphen + 1, end);
            upstreamEnd = hyphen;
        }
        if (upstreamEnd == upstreamStart) {
            throw invalid(text, "version number is empty");
        }
        return new DebianVersion(epoch, text.substring(upstreamStart, upstreamEnd), revision);
    }

    /** Compares by epoch, then upstream version, then revision, as {@code dpkg --compare-versions} does. */
    @Override
    public int compareTo(DebianVersion other) {
        if (epoch != other.epoch) {
            return epoch < other.epoch ? -1 : 1;
        }
        int order = compareParts(upstream, other.upstream);
        return order != 0 ? order : compareParts(revision, other.revision);
    }

    /**
     * Returns the version as dpkg would write it: the epoch only when it is not zero or a colon elsewhere needs
     * it, the revision only when there is one.
     */
    @Override
    public String toString() {
        boolean showEpoch = epoch != 0 || upstream.indexOf(':') >= 0 || revision.indexOf(':') >= 0;
        StringBuilder text = new StringBuilder(upstream.length() + revision.length() + 12);
        if (showEpoch) {
            text.append(epoch).append(':');
        }
        text.append(upstream);
        if (!revision.isEmpty()) {
            text.append('-').append(revision);
        }
        return text.toString();
    }

    /** Reads the epoch the way dpkg does: {@code strtol} up to the first colon, then range checks. */
    private static int parseEpoch(String text, int start, int colon) {
        int i = start;
        while (i < colon && isCSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < colon && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        while (i < colon && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == digitsStart) {
            throw invalid(text, "epoch in version is empty");
        }
        if (i != colon) {
            throw invalid(text, "epoch in version is not number");
        }
        long value = 0;
        boolean tooBig = false;
        for (int k = digitsStart; k < colon && !tooBig; k++) {
            value = value * 10 + (text.charAt(k) - '0');
            tooBig = value > Integer.MAX_VALUE;
        }
        // dpkg checks the sign first: "-99999999999999999999:1" is negative, not too big.
        if (negative && (tooBig || value != 0)) {
            throw invalid(text, "epoch in version is negative");
        }
        if (tooBig) {
            throw invalid(text, "epoch in version is too big");
        }
        return (int) value;
    }

    /** Compares two upstream versions or two revisions with dpkg's {@code verrevcmp}; returns -1, 0 or 1. */
    static int compareParts(String a, String b) {
        int aLength = a.length();
        int bLength = b.length();
        int i = 0;
        int j = 0;
        while (i < aLength || j < bLength) {
            while ((i < aLength && !isDigit(a.charAt(i))) || (j < bLength && !isDigit(b.charAt(j)))) {
                int aRank = rank(a, i);
                int bRank = rank(b, j);
                if (aRank != bRank) {
                    return aRank < bRank ? -1 : 1;
                }
                // Equal ranks here mean the same code point on both sides.
                int step = Character.charCount(a.codePointAt(i));
                i += step;
                j += step;
            }
            while (i < aLength && a.charAt(i) == '0') {
                i++;
            }
            while (j < bLength && b.charAt(j) == '0') {
                j++;
            }
            int firstDifference = 0;
            while (i < aLength && j < bLength && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                if (firstDifference == 0) {
                    firstDifference = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < aLength && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < bLength && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDifference != 0) {
                return firstDifference < 0 ? -1 : 1;
            }
        }
        return 0;
    }

    /** Returns the sort rank of the character at {@code index}, 0 for a digit or the end of the string. */
    private static int rank(String s, int index) {
        if (index >= s.length()) {
            return 0;
        }
        char c = s.charAt(index);
        if (c >= 0x80) {
            return NON_ASCII_RANK_BASE + s.codePointAt(index);
        }
        if (isDigit(c)) {
            return 0;
        }
        if (isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return TILDE_RANK;
        }
        return PUNCTUATION_RANK_BASE + c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Returns whether dpkg trims {@code c} around a version and refuses it inside one. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Returns whether C's {@code isspace} is true for {@code c}; {@code strtol} skips these before a number. */
    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static void requireNoBlankOrNul(String part, String name) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (isBlank(c) || c == '\0') {
                throw new IllegalArgumentException(name + " must not contain spaces, tabs or NUL: " + quote(part));
            }
        }
    }

    private static String quote(String value) {
        return InvalidVersionException.quote(value);
    }

    private static InvalidVersionException invalid(String text, String reason) {
        return new InvalidVersionException(VersionScheme.DPKG, text, reason);
    }
}
