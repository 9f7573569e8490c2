package dev.goldsmith.catalog.blueprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An osbuild-compatible blueprint: what an image contains and how it is customised, plus Goldsmith's own
 * settings. Read one with {@link BlueprintReader}, write one with {@link BlueprintWriter}.
 *
 * <p>The constructor checks only that required parts are present. The rules that keep hostile values out
 * ({@link BlueprintRules}) are applied by the reader, so a blueprint built in code is checked when it is
 * written and read back, which is how Goldsmith commits one.
 *
 * @param version the blueprint's semantic version, {@code MAJOR.MINOR.PATCH}
 * @param distro the distribution release as osbuild names it, such as {@code debian-12}; see {@link Distro}
 * @param groups package groups (RPM comps groups)
 */
public record Blueprint(String name, String description, String version, String distro, List<PackageSpec> packages,
        List<PackageSpec> groups, Customizations customizations, GoldsmithSettings goldsmith) {

    /** The version a blueprint has when it does not state one, as osbuild assumes. */
    public static final String DEFAULT_VERSION = "0.0.0";

    private static final Pattern SEMVER = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})"
            + "\\.(0|[1-9][0-9]{0,8})");

    public Blueprint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(distro, "distro");
        packages = List.copyOf(packages);
        groups = List.copyOf(groups);
        Objects.requireNonNull(customizations, "customizations");
        Objects.requireNonNull(goldsmith, "goldsmith");
    }

    /** Returns true when {@code version} is a {@code MAJOR.MINOR.PATCH} version this class can bump. */
    static boolean isSemanticVersion(String version) {
        return SEMVER.matcher(version).matches();
    }

    /**
     * Returns a copy whose patch number is one higher, as osbuild bumps a blueprint that changes without a new
     * version: {@code 1.4.9} becomes {@code 1.4.10}.
     *
     * @throws IllegalStateException if the version is not {@code MAJOR.MINOR.PATCH}
     */
    public Blueprint withVersionBumped() {
        Matcher parts = SEMVER.matcher(version);
        if (!parts.matches()) {
            throw new IllegalStateException("blueprint " + name + " has version '" + version
                    + "', which is not MAJOR.MINOR.PATCH");
        }
        String bumped = parts.group(1) + "." + parts.group(2) + "." + (Long.parseLong(parts.group(3)) + 1);
        return new Blueprint(name, description, bumped, distro, packages, groups, customizations, goldsmith);
    }

    /**
     * Returns a copy in which each package asks for exactly the version that was built, taken from
     * {@code packageVersions} (package name to version, as the build's lock records it). Entries for packages
     * the blueprint does not list, such as dependencies, are ignored.
     *
     * @throws IllegalArgumentException if a listed package has no version in the map, or a version is not valid
     *     for the blueprint's distribution
     */
    public Blueprint withPins(Map<String, String> packageVersions) {
        Distro parsed = Distro.parse(distro)
                .orElseThrow(() -> new IllegalStateException("blueprint " + name + " has unknown distro " + distro));
        List<PackageSpec> pinned = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (PackageSpec spec : packages) {
            String exact = packageVersions.get(spec.name());
            if (exact == null) {
                missing.add(spec.name());
                continue;
            }
            String refusal = BlueprintRules.exactVersionProblem(exact, parsed.family().scheme());
            if (refusal != null) {
                throw new IllegalArgumentException("version '" + exact + "' of " + spec.name() + ": " + refusal);
            }
            pinned.add(spec.pinnedTo(exact));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no built version for " + missing + " in blueprint " + name);
        }
        return new Blueprint(name, description, version, distro, pinned, groups, customizations, goldsmith);
    }
}
