package dev.goldsmith.routes.config;

import java.nio.file.Path;
import java.util.List;

import dev.goldsmith.builders.base.VendorImage;
import dev.goldsmith.builders.build.BuildSettings;

/**
 * How this instance builds images (YAML section {@code build}).
 *
 * @param baseCache    where base images are cached by content key: an absolute path outside any checkout, so the
 *                     bases outlive it; {@code goldsmith build --base-cache} overrides it
 * @param keepBases    how many bases of one family (distribution, suite, architecture and baked packages) are kept,
 *                     by last use; older ones are removed once unused for an hour
 * @param vendorImages the vendor cloud images RPM distributions' bases are prepared from ({@code vendor-images}), one
 *                     per distribution; an RPM distribution without one cannot be built
 */
public record BuildConfig(Path baseCache, int keepBases, List<VendorImage> vendorImages) {

    public BuildConfig {
        vendorImages = List.copyOf(vendorImages);
    }

    /** Creates the configuration of an instance that builds Debian and Ubuntu only. */
    public BuildConfig(Path baseCache, int keepBases) {
        this(baseCache, keepBases, List.of());
    }

    /** Returns the defaults: bases in {@code /var/cache/goldsmith/bases}, two of each family kept, no vendor images. */
    public static BuildConfig defaults() {
        return new BuildConfig(BuildSettings.DEFAULT_BASE_CACHE, BuildSettings.DEFAULT_KEEP_BASES);
    }

    /** Returns a copy caching bases in {@code dir} instead, as {@code goldsmith build --base-cache} asks. */
    public BuildConfig withBaseCache(Path dir) {
        return new BuildConfig(dir, keepBases, vendorImages);
    }

    /** Returns the settings of builds under {@code stateDir} with these bases and vendor images. */
    public BuildSettings settings(Path stateDir) {
        return BuildSettings.under(stateDir, baseCache, keepBases).withVendorImages(vendorImages);
    }
}
