package dev.goldsmith.catalog.blueprint;

import dev.goldsmith.catalog.version.VersionScheme;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A distribution release as osbuild names it: a known family and a release, joined by a hyphen
 * ({@code debian-12}, {@code ubuntu-24.04}, {@code rhel-9}, {@code rhel-9.4}, {@code fedora-40}).
 */
public record Distro(Family family, String release) {

    /** The distribution families Goldsmith can build, each with its packaging system and release syntax. */
    public enum Family {
        DEBIAN("debian", VersionScheme.DPKG, "[0-9]{1,3}"),
        UBUNTU("ubuntu", VersionScheme.DPKG, "[0-9]{2}\\.(04|10)"),
        RHEL("rhel", VersionScheme.RPM, "[0-9]{1,2}(\\.[0-9]{1,2})?"),
        ALMALINUX("almalinux", VersionScheme.RPM, "[0-9]{1,2}(\\.[0-9]{1,2})?"),
        ROCKY("rocky", VersionScheme.RPM, "[0-9]{1,2}(\\.[0-9]{1,2})?"),
        FEDORA("fedora", VersionScheme.RPM, "[0-9]{2,3}"),
        CENTOS("centos", VersionScheme.RPM, "[0-9]{1,2}");

        private final String familyName;
        private final VersionScheme scheme;
        private final Pattern release;

        Family(String familyName, VersionScheme scheme, String release) {
            this.familyName = familyName;
            this.scheme = scheme;
            this.release = Pattern.compile(release);
        }

        /** Returns the family's name as osbuild writes it, such as {@code debian}. */
        public String familyName() {
            return familyName;
        }

        /** Returns the packaging system whose names and versions this family uses. */
        public VersionScheme scheme() {
            return scheme;
        }
    }

    /** Returns the distro named {@code name}, or empty when the family is unknown or the release malformed. */
    public static Optional<Distro> parse(String name) {
        int hyphen = name.lastIndexOf('-');
        if (hyphen <= 0) {
            return Optional.empty();
        }
        String familyName = name.substring(0, hyphen);
        String release = name.substring(hyphen + 1);
        for (Family family : Family.values()) {
            if (family.familyName.equals(familyName) && family.release.matcher(release).matches()) {
                return Optional.of(new Distro(family, release));
            }
        }
        return Optional.empty();
    }

    /** Returns the known family names, for messages. */
    static String familyNames() {
        StringBuilder names = new StringBuilder();
        for (Family family : Family.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(family.familyName);
        }
        return names.toString();
    }

    /** Returns the osbuild name, such as {@code debian-12}. */
    @Override
    public String toString() {
        return family.familyName + "-" + release;
    }
}
