package dev.goldsmith.builders.libvirt;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What Goldsmith writes into a domain's {@code <metadata>} to mark it as its own: which build and image it serves
 * and when it was created. {@link Leftovers} only ever removes domains that carry this mark.
 *
 * @param buildId the build the domain belongs to; letters, digits, {@code .}, {@code _} and {@code -}
 * @param image   the image being built or tested; any printable text up to 128 characters (escaped in the XML)
 * @param created when Goldsmith created the domain
 * @param owner   the Goldsmith process whose build it serves, or null in a mark written before owners were recorded
 */
public record DomainMark(String buildId, String image, Instant created, BuildOwner owner) {

    /** The XML namespace of Goldsmith's metadata element; an identifier only, nothing is fetched from it. */
    public static final String NAMESPACE = "https://goldsmith.dev/xmlns/libvirt/1";
    /** The namespace prefix used when writing the metadata element. */
    public static final String PREFIX = "goldsmith";

    private static final Pattern BUILD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public DomainMark {
        Values.matching("buildId", buildId, BUILD_ID, "must be 1-64 letters, digits, '.', '_' or '-'");
        Values.text("image", image, 128);
        if (image.isBlank()) {
            throw new IllegalArgumentException("image: blank");
        }
        if (created == null) {
            throw new IllegalArgumentException("created: missing");
        }
    }

    /** Returns the mark of a domain this process creates for build {@code buildId} of {@code image}. */
    public static DomainMark ours(String buildId, String image, Instant created) {
        return new DomainMark(buildId, image, created, BuildOwner.current());
    }
}
