package dev.goldsmith.catalog.image;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * What one built version of an image is, as {@code images/<image>/<version>/manifest.json} records it: the packages
 * installed, the artifact, where and how long it took to build, and why it was built.
 *
 * @param distro           the distribution release, such as {@code debian-12}
 * @param blueprintVersion the version of the blueprint it was built from
 * @param packages         every package installed in the image, sorted by name and architecture
 * @param artifact         the image file and its checksum
 * @param builderHost      the libvirt host that built it
 * @param steps            each build step with its duration, in order
 * @param triggers         why this version was built
 * @param builtAt          when the build finished
 */
public record Manifest(
        String image,
        ImageVersionId version,
        String distro,
        String blueprintVersion,
        List<InstalledPackage> packages,
        Artifact artifact,
        String builderHost,
        List<Step> steps,
        List<Trigger> triggers,
        Instant builtAt) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(distro, "distro");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(builtAt, "builtAt");
        packages = packages.stream()
                .sorted((a, b) -> a.name().equals(b.name())
                        ? a.architecture().compareTo(b.architecture()) : a.name().compareTo(b.name()))
                .toList();
        steps = List.copyOf(steps);
        triggers = List.copyOf(triggers);
    }

    /** The image file a build produced. */
    public record Artifact(String path, String format, String sha256, long size) {

        public Artifact {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("artifact sha256 must be 64 lowercase hex digits, was '" + sha256
                        + "'");
            }
            if (size < 0) {
                throw new IllegalArgumentException("artifact size must not be negative, was " + size);
            }
        }
    }

    /** One step of the build and how long it took. */
    public record Step(String name, Duration duration) {

        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * One reason the version was built: a package that moved, and the advisories its new version fixes.
     *
     * @param installed the version the previous image version had, or null for a first build
     * @param available the version this build installed
     */
    public record Trigger(String packageName, String installed, String available, List<String> advisories,
            List<String> cves, String note) {

        public Trigger {
            advisories = advisories == null ? List.of() : List.copyOf(advisories);
            cves = cves == null ? List.of() : List.copyOf(cves);
        }
    }

    /** Returns the installed version of each package by name (the first architecture's, for multi-arch names). */
    public Map<String, String> versionsByName() {
        Map<String, String> versions = new LinkedHashMap<>();
        packages.forEach(p -> versions.putIfAbsent(p.name(), p.version()));
        return versions;
    }

    /** Returns the manifest as the JSON committed to Git. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the manifest of " + image + " " + version, e);
        }
    }

    /** Reads a manifest written by {@link #toJson()}; fails naming {@code source} and what is wrong. */
    public static Manifest fromJson(String json, String source) throws IOException {
        try {
            return JSON.readValue(json, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(source + ": not a valid image manifest: " + e.getMessage(), e);
        }
    }
}
