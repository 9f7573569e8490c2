package dev.goldsmith.feeds.advisory.osv;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.goldsmith.catalog.version.VersionScheme;
import dev.goldsmith.feeds.advisory.RedHatReleases;

/**
 * Maps an OSV ecosystem string to the distribution release and version ordering Goldsmith uses.
 *
 * <table>
 *   <caption>Ecosystems read</caption>
 *   <tr><th>ecosystem</th><th>release</th><th>scheme</th></tr>
 *   <tr><td>{@code Debian:12}</td><td>{@code debian-12}</td><td>dpkg</td></tr>
 *   <tr><td>{@code Ubuntu:22.04:LTS}, {@code Ubuntu:24.10}</td><td>{@code ubuntu-22.04}, {@code ubuntu-24.10}
 *       </td><td>dpkg</td></tr>
 *   <tr><td>{@code Ubuntu:Pro:16.04:LTS}</td><td>{@code ubuntu-16.04}</td><td>dpkg</td></tr>
 *   <tr><td>{@code AlmaLinux:9}</td><td>{@code almalinux-9}</td><td>rpm</td></tr>
 *   <tr><td>{@code Rocky Linux:9}</td><td>{@code rocky-9}</td><td>rpm</td></tr>
 *   <tr><td>{@code Red Hat:enterprise_linux:9::appstream}</td><td>{@code rhel-9}, see {@link RedHatReleases}
 *       </td><td>rpm</td></tr>
 * </table>
 *
 * <p>Ubuntu Pro (ESM) entries map to the plain release. The vulnerability is in the release's package whether or
 * not the image is attached to Pro; the fixed version ({@code +esmN}) is only published in the ESM archive, and
 * whether an image can reach it is decided by comparing with the versions its own repositories offer, not here.
 * Other Ubuntu variants, such as {@code Ubuntu:Pro:FIPS-updates:22.04:LTS}, carry different builds and are not
 * mapped yet.
 */
final class OsvEcosystems {

    private static final Pattern DEBIAN = Pattern.compile("Debian:(\\d+)");
    private static final Pattern UBUNTU = Pattern.compile("Ubuntu:(?:Pro:)?(\\d\\d\\.\\d\\d)(?::LTS)?");
    private static final Pattern ALMALINUX = Pattern.compile("AlmaLinux:(\\d+)");
    private static final Pattern ROCKY = Pattern.compile("Rocky Linux:(\\d+)");

    private OsvEcosystems() {
    }

    /** A distribution release and its version ordering. */
    record Release(String name, VersionScheme scheme) {
    }

    /** Returns the release the ecosystem names, or empty if Goldsmith does not read it. */
    static Optional<Release> release(String ecosystem) {
        Matcher m;
        if ((m = DEBIAN.matcher(ecosystem)).matches()) {
            return Optional.of(new Release("debian-" + m.group(1), VersionScheme.DPKG));
        }
        if ((m = UBUNTU.matcher(ecosystem)).matches()) {
            return Optional.of(new Release("ubuntu-" + m.group(1), VersionScheme.DPKG));
        }
        if ((m = ALMALINUX.matcher(ecosystem)).matches()) {
            return Optional.of(new Release("almalinux-" + m.group(1), VersionScheme.RPM));
        }
        if ((m = ROCKY.matcher(ecosystem)).matches()) {
            return Optional.of(new Release("rocky-" + m.group(1), VersionScheme.RPM));
        }
        return RedHatReleases.ofOsvEcosystem(ecosystem).map(name -> new Release(name, VersionScheme.RPM));
    }
}
