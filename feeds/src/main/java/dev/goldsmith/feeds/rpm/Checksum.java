package dev.goldsmith.feeds.rpm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.goldsmith.feeds.FeedException;

/**
 * A checksum as RPM metadata states it: the algorithm and the digest in lowercase hex.
 *
 * @param type  the algorithm: {@code sha1}, {@code sha224}, {@code sha256}, {@code sha384} or {@code sha512}
 *              (yum's old {@code sha} is read as {@code sha1})
 * @param value the digest, as many lowercase hex digits as the algorithm produces
 */
public record Checksum(String type, String value) {

    private static final Map<String, String> ALGORITHMS = Map.of(
            "sha1", "SHA-1",
            "sha224", "SHA-224",
            "sha256", "SHA-256",
            "sha384", "SHA-384",
            "sha512", "SHA-512");
    private static final Map<String, Integer> HEX_LENGTHS = Map.of(
            "sha1", 40, "sha224", 56, "sha256", 64, "sha384", 96, "sha512", 128);
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    public Checksum {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Integer length = HEX_LENGTHS.get(type);
        if (length == null) {
            throw new IllegalArgumentException("checksum type must be one of " + HEX_LENGTHS.keySet()
                    + ", was '" + type + "'");
        }
        if (value.length() != length || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(type + " checksum must be " + length + " lowercase hex digits, was '"
                    + value + "'");
        }
    }

    /**
     * Returns the checksum a metadata file states, normalising the type and the case of the digest, or fails with
     * {@code UNSUPPORTED} for an algorithm too weak to trust (md5) or unknown, and {@code MALFORMED} for a digest that
     * is not hex of the right length.
     *
     * @param what names the checksum in the error, such as {@code "checksum of primary"}
     */
    static Checksum parse(String type, String value, String source, String what) throws FeedException {
        if (type == null || value == null || value.isBlank()) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, what + " lacks its type or its value");
        }
        String normalType = type.strip().toLowerCase(Locale.ROOT);
        if (normalType.equals("sha")) {
            normalType = "sha1";
        }
        if (!ALGORITHMS.containsKey(normalType)) {
            throw new FeedException(FeedException.Kind.UNSUPPORTED, source,
                    what + " uses '" + type + "'; only " + HEX_LENGTHS.keySet() + " are accepted");
        }
        try {
            return new Checksum(normalType, value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FeedException(FeedException.Kind.MALFORMED, source, what + ": " + e.getMessage(), e);
        }
    }

    /** Returns a new digest for this checksum's algorithm. */
    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(type));
        } catch (NoSuchAlgorithmException e) {
            // Every JDK must provide the SHA-1 and SHA-2 digests.
            throw new IllegalStateException("JDK lacks " + ALGORITHMS.get(type), e);
        }
    }

    /** Returns whether {@code digest}, the output of {@link #newDigest()}, is this checksum. */
    boolean matches(byte[] digest) {
        return MessageDigest.isEqual(HexFormat.of().parseHex(value), digest);
    }

    @Override
    public String toString() {
        return type + ":" + value;
    }
}
