package dev.goldsmith.builders.base;

import dev.goldsmith.catalog.blueprint.Distro;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a Debian or Ubuntu base image is bootstrapped from: the distribution, the suite, the mirror, its
 * components and the packages to add to the ones every base has ({@link #packages()}).
 *
 * @param suite the APT suite, such as {@code bookworm}
 * @param mirror the mirror's URI, such as the host's own APT source
 * @param extraSources further {@code deb URI SUITE COMPONENT...} lines the bootstrap installs from and the base
 *                     keeps as its APT sources, such as the release's security and updates suites, so the base is
 *                     current and a build has little to upgrade
 */
public record BaseImageSpec(Distro distro, String suite, URI mirror, List<String> components,
        List<String> extraPackages, List<String> extraSources) {

    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9.+-]*");
    private static final Pattern SOURCE = Pattern.compile("deb (https?|file)://[A-Za-z0-9._~:/?#@!$&()*+,;=%-]+"
            + "( [A-Za-z0-9][A-Za-z0-9._/-]*){2,}");

    public BaseImageSpec {
        Objects.requireNonNull(distro, "distro");
        if (distro.family() != Distro.Family.DEBIAN && distro.family() != Distro.Family.UBUNTU) {
            throw new IllegalArgumentException("base images are bootstrapped for Debian and Ubuntu only, not "
                    + distro + "; RPM distributions start from a vendor cloud image");
        }
        word(suite, "suite");
        String scheme = mirror.getScheme() == null ? "" : mirror.getScheme();
        if (!List.of("http", "https", "file").contains(scheme)) {
            throw new IllegalArgumentException("mirror '" + mirror + "' must be an http, https or file URI");
        }
        components = List.copyOf(components);
        if (components.isEmpty()) {
            throw new IllegalArgumentException("a base image needs at least one component, such as main");
        }
        components.forEach(c -> word(c, "component"));
        extraPackages = List.copyOf(extraPackages);
        extraPackages.forEach(p -> word(p, "package"));
        extraSources = List.copyOf(extraSources);
        for (String source : extraSources) {
            if (!SOURCE.matcher(source).matches()) {
                throw new IllegalArgumentException("extra source '" + source + "' must be one 'deb URI SUITE"
                        + " COMPONENT...' line of plain words");
            }
        }
    }

    /** Creates a spec that bootstraps from the mirror's one suite only. */
    public BaseImageSpec(Distro distro, String suite, URI mirror, List<String> components,
            List<String> extraPackages) {
        this(distro, suite, mirror, components, extraPackages, List.of());
    }

    /** Returns the packages every base has: a kernel, systemd as init, udev, CA certificates and resolved. */
    public List<String> requiredPackages() {
        String kernel = distro.family() == Distro.Family.UBUNTU ? "linux-image-virtual" : "linux-image-amd64";
        return List.of(kernel, "systemd-sysv", "udev", "ca-certificates", "systemd-resolved");
    }

    /** Returns the required and extra packages, sorted and without duplicates. */
    public List<String> packages() {
        TreeSet<String> all = new TreeSet<>(requiredPackages());
        all.addAll(extraPackages);
        return new ArrayList<>(all);
    }

    /**
     * Returns the key the base is cached under: SHA-256, as hex, over the distribution, suite, mirror, sorted
     * components and packages, the mirror's state, the agent's own hash and any extra sources. Each part is
     * length-prefixed, so no two different inputs run together into the same text.
     *
     * @param mirrorState what the caller knows of the mirror's state, such as its InRelease {@code Date}; a new
     *                    state makes a new base, with the packages published since
     * @param agentSha256 the agent's hash, so a changed agent makes a new base
     */
    public String contentKey(String mirrorState, String agentSha256) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<String> parts = new ArrayList<>(List.of("goldsmith-base-1", distro.toString(), suite,
                    mirror.toString(), String.join(",", new TreeSet<>(components)), String.join(",", packages()),
                    Objects.requireNonNull(mirrorState, "mirrorState"),
                    Objects.requireNonNull(agentSha256, "agentSha256")));
            if (!extraSources.isEmpty()) {
                // Only then, so the key of a base from one suite stays what it was.
                parts.add(String.join("\n", extraSources));
            }
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private static void word(String value, String what) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be lower-case letters, digits and"
                    + " . + -, starting with a letter or digit");
        }
    }
}
