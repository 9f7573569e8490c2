package dev.goldsmith.builders.base;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a cached base image is, as its {@code base.json} records it.
 *
 * @param key          the content key it is cached under
 * @param distro       the distribution release, such as {@code debian-12}
 * @param source       where it came from: the suite and mirror, or the vendor image's path
 * @param packages     the packages asked for (for a bootstrapped base)
 * @param mirrorState  the mirror state the key was made with
 * @param agentSha256  the hash of the agent it carries
 * @param kernelRoot   the kernel command line argument that finds its root file system, such as
 *                     {@code root=LABEL=goldsmith-root}
 * @param createdAt    when it was made, as an ISO-8601 instant
 * @param suite        the APT suite a bootstrapped base came from, such as {@code bookworm}; null for a base
 *                     prepared from a vendor cloud image. A {@code base.json} written before this was recorded has
 *                     it as the first word of {@code source}
 * @param architecture the Debian name of the architecture it runs on, such as {@code amd64}. A {@code base.json}
 *                     written before this was recorded gets the host's: those bases were all made for it
 */
public record BaseImageInfo(String key, String distro, String source, List<String> packages, String mirrorState,
        String agentSha256, String kernelRoot, String createdAt, String suite, String architecture) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public BaseImageInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(kernelRoot, "kernelRoot");
        packages = packages == null ? List.of() : List.copyOf(packages);
        if (suite == null && mirrorState != null && !mirrorState.isEmpty() && source != null
                && source.indexOf(' ') > 0) {
            // Bootstrapped bases recorded "SUITE MIRROR" as their source before the suite had a field of its own.
            suite = source.substring(0, source.indexOf(' '));
        }
        architecture = architecture == null ? hostArchitecture() : architecture;
    }

    /**
     * Returns the base's family: the bases that differ only in the mirror state, the agent or the mirror they were
     * made from, each newer one superseding the one before. Written {@code DISTRO/SUITE/ARCHITECTURE/PACKAGES}, such
     * as {@code debian-12/bookworm/amd64/5c0d2a9e}, where the last part is a short hash of the package list (bases
     * with other packages baked in serve other images) and a cloud base's suite is {@code cloud}.
     */
    public String family() {
        return distro + "/" + (suite == null ? "cloud" : suite) + "/" + architecture + "/"
                + shortHash(String.join(",", packages));
    }

    /** Returns the Debian name of the architecture this JVM runs on, such as {@code amd64} or {@code arm64}. */
    public static String hostArchitecture() {
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** Returns the record as {@code base.json} holds it. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write base.json of " + key, e);
        }
    }

    /** Reads {@code base.json}; fails naming {@code source}. */
    public static BaseImageInfo fromJson(String json, String source) throws IOException {
        try {
            return JSON.readValue(json, BaseImageInfo.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(source + ": not a valid base.json: " + e.getMessage(), e);
        }
    }
}
