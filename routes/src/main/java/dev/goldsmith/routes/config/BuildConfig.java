package dev.goldsmith.routes.config;

import java.nio.file.Path;

import dev.goldsmith.builders.build.BuildSettings;

/**
 * How this instance builds images (YAML section {@code build}).
 *
 * @param baseCache where base images are cached by content key: an absolute path outside any checkout, so the bases
 *                  outlive it; {@code goldsmith build --base-cache} overrides it
 * @param keepBases how many bases of one family (distribution, suite, architecture and baked packages) are kept, by
 *                  last use; older ones are removed once unused for an hour
 */
public record BuildConfig(Path baseCache, int keepBases) {

    /** Returns the defaults: bases in {@code /var/cache/goldsmith/bases}, two of each family kept. */
    public static BuildConfig defaults() {
        return new BuildConfig(BuildSettings.DEFAULT_BASE_CACHE, BuildSettings.DEFAULT_KEEP_BASES);
    }

    /** Returns a copy caching bases in {@code dir} instead, as {@code goldsmith build --base-cache} asks. */
    public BuildConfig withBaseCache(Path dir) {
        return new BuildConfig(dir, keepBases);
    }

    /** Returns the settings of builds under {@code stateDir} with these bases. */
    public BuildSettings settings(Path stateDir) {
        return BuildSettings.under(stateDir, baseCache, keepBases);
    }
}
