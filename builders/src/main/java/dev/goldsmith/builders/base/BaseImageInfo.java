package dev.goldsmith.builders.base;

import java.io.IOException;
import java.util.List;
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
 */
public record BaseImageInfo(String key, String distro, String source, List<String> packages, String mirrorState,
        String agentSha256, String kernelRoot, String createdAt) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public BaseImageInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(kernelRoot, "kernelRoot");
        packages = packages == null ? List.of() : List.copyOf(packages);
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
