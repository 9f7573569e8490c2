package dev.goldsmith.builders.build;

import dev.goldsmith.builders.base.BaseImageCache;
import dev.goldsmith.builders.base.VendorImage;
import dev.goldsmith.catalog.blueprint.Distro;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a build keeps its files and how long and how large its guests may be.
 *
 * @param baseCache        where base images are cached by content key; outside any checkout, so they outlive it
 * @param keepBases        how many bases of one family (distribution, suite, architecture and baked packages) the
 *                         cache keeps, by last use; older ones are removed once they are an hour unused
 * @param scratchDir       where each build keeps its overlays, disks and console files while it runs
 * @param artifactsDir     where artifacts go, as {@code <artifactsDir>/<image>/<version>/}
 * @param bootstrapTimeout how long making a base (mmdebstrap and friends) may take
 * @param provisionTimeout how long the build VM may run before it is destroyed
 * @param qaTimeout        how long the QA VM may run before it is destroyed
 * @param deadline         how long the whole build, QA included, may take
 * @param memoryMib        guest memory
 * @param vcpus            guest CPUs
 * @param vendorImages     the vendor cloud images RPM distributions' bases are prepared from, one per distribution
 *                         at most; a distribution without one cannot be built
 */
public record BuildSettings(Path baseCache, int keepBases, Path scratchDir, Path artifactsDir,
        Duration bootstrapTimeout, Duration provisionTimeout, Duration qaTimeout, Duration deadline, int memoryMib,
        int vcpus, List<VendorImage> vendorImages) {

    /** Where base images are cached unless configured otherwise. */
    public static final Path DEFAULT_BASE_CACHE = Path.of("/var/cache/goldsmith/bases");

    public BuildSettings {
        baseCache = absolute(baseCache, "baseCache");
        if (keepBases < 1) {
            throw new IllegalArgumentException("keepBases must be at least 1, was " + keepBases);
        }
        scratchDir = absolute(scratchDir, "scratchDir");
        artifactsDir = absolute(artifactsDir, "artifactsDir");
        positive(bootstrapTimeout, "bootstrapTimeout");
        positive(provisionTimeout, "provisionTimeout");
        positive(qaTimeout, "qaTimeout");
        positive(deadline, "deadline");
        if (memoryMib < 256 || vcpus < 1) {
            throw new IllegalArgumentException("a build guest needs at least 256 MiB and 1 CPU, was " + memoryMib
                    + " MiB and " + vcpus);
        }
        vendorImages = List.copyOf(vendorImages);
        Set<Distro> seen = new HashSet<>();
        for (VendorImage vendor : vendorImages) {
            if (!seen.add(vendor.distro())) {
                throw new IllegalArgumentException("two vendor images for " + vendor.distro() + "; give one");
            }
        }
    }

    /** How many bases of one family are kept unless configured otherwise. */
    public static final int DEFAULT_KEEP_BASES = BaseImageCache.DEFAULT_KEEP;

    /**
     * Returns the settings of a build under {@code stateDir} ({@code scratch/} and {@code artifacts/}) with bases
     * cached in {@code baseCache}, {@code keepBases} of each family: 30 minutes to make a base, 15 for the build
     * VM, 5 for the QA VM, 40 in all, 1 GiB and 2 CPUs per guest, and no vendor images.
     */
    public static BuildSettings under(Path stateDir, Path baseCache, int keepBases) {
        return new BuildSettings(baseCache, keepBases, stateDir.resolve("scratch"), stateDir.resolve("artifacts"),
                Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofMinutes(40), 1024,
                2, List.of());
    }

    /** Returns the settings of {@link #under(Path, Path, int)} keeping {@link #DEFAULT_KEEP_BASES} bases. */
    public static BuildSettings under(Path stateDir, Path baseCache) {
        return under(stateDir, baseCache, DEFAULT_KEEP_BASES);
    }

    /** Returns a copy with other guest timeouts and overall deadline. */
    public BuildSettings withTimeouts(Duration provision, Duration qa, Duration all) {
        return new BuildSettings(baseCache, keepBases, scratchDir, artifactsDir, bootstrapTimeout, provision, qa, all,
                memoryMib, vcpus, vendorImages);
    }

    /** Returns a copy preparing RPM distributions' bases from {@code images}. */
    public BuildSettings withVendorImages(List<VendorImage> images) {
        return new BuildSettings(baseCache, keepBases, scratchDir, artifactsDir, bootstrapTimeout, provisionTimeout,
                qaTimeout, deadline, memoryMib, vcpus, images);
    }

    /** Returns the vendor image configured for {@code distro}, if there is one. */
    public Optional<VendorImage> vendorImage(Distro distro) {
        return vendorImages.stream().filter(v -> v.distro().equals(distro)).findFirst();
    }

    private static Path absolute(Path path, String field) {
        Objects.requireNonNull(path, field);
        return path.toAbsolutePath().normalize();
    }

    private static void positive(Duration duration, String field) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, was " + duration);
        }
    }
}
