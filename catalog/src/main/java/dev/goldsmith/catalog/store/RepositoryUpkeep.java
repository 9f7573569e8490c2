package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.text.ParseException;
import java.util.concurrent.ExecutionException;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the audit repository quick to load: packed, with short delta chains.
 *
 * <p>At start-up {@link CatalogLoader} reads the manifest of every live version, a few thousand files of tens of
 * kilobytes that differ little from one version to the next. Packed with Git's default delta depth of 50, most of
 * them sit at the end of long delta chains, and resolving those chains took longer than reading the same files
 * loose. A depth of {@value #DELTA_DEPTH} packs them within a few percent of the same size and reads them faster
 * than loose objects. The depth is written into the repository's own configuration, so {@code git gc} run by an
 * operator, with or without {@code --aggressive}, packs the same way; a depth the operator set is left alone.
 *
 * <p>Loose objects are packed as {@code git gc --auto} would, once there are more than {@code gc.auto} of them
 * (6,700 unless configured; 0 turns it off), in the background unless {@code gc.autoDetach} is false.
 */
final class RepositoryUpkeep {

    /** The longest delta chain a pack of the audit repository gets. */
    static final int DELTA_DEPTH = 8;

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryUpkeep.class);
    private static final String DEPTH = "depth";
    private static final String AGGRESSIVE_DEPTH = "aggressiveDepth";

    private RepositoryUpkeep() {
    }

    /** Sets {@code pack.depth} and {@code gc.aggressiveDepth} in the repository configuration where unset. */
    static void configure(Repository repository) throws IOException {
        StoredConfig config = repository.getConfig();
        boolean changed = setIfAbsent(config, ConfigConstants.CONFIG_PACK_SECTION, DEPTH);
        changed |= setIfAbsent(config, ConfigConstants.CONFIG_GC_SECTION, AGGRESSIVE_DEPTH);
        if (changed) {
            config.save();
            LOG.info("git-dir={} pack.depth={} gc.aggressiveDepth={}: short delta chains keep start-up loads fast",
                    repository.getDirectory(), config.getInt(ConfigConstants.CONFIG_PACK_SECTION, DEPTH, 0),
                    config.getInt(ConfigConstants.CONFIG_GC_SECTION, AGGRESSIVE_DEPTH, 0));
        }
    }

    private static boolean setIfAbsent(StoredConfig config, String section, String name) {
        if (config.getString(section, null, name) != null) {
            return false;
        }
        config.setInt(section, null, name, DELTA_DEPTH);
        return true;
    }

    /** Packs loose objects when there are more than {@code gc.auto} of them; cheap when there are not. */
    static void packIfDue(Repository repository) {
        repository.autoGC(NullProgressMonitor.INSTANCE);
    }

    /**
     * Repacks everything now, in this thread, with the configured depth: after a clone, whose pack came with the
     * remote's delta chains. A failure is logged, not thrown: the repository stays usable, only slower to load.
     */
    static void repack(Repository repository) {
        if (!(repository instanceof FileRepository file)) {
            return;
        }
        long start = System.nanoTime();
        try {
            GC gc = new GC(file);
            PackConfig config = new PackConfig(file);
            // Reused deltas would keep the remote's chains whatever the depth.
            config.setReuseDeltas(false);
            gc.setPackConfig(config);
            gc.setProgressMonitor(NullProgressMonitor.INSTANCE);
            gc.gc().get();
            LOG.info("git-dir={} repacked with pack.depth={} in {} ms", repository.getDirectory(),
                    repository.getConfig().getInt(ConfigConstants.CONFIG_PACK_SECTION, DEPTH, 0),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | ParseException | ExecutionException | GitAPIException e) {
            LOG.warn("git-dir={} repack failed, loads stay slower until the next gc: {}", repository.getDirectory(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
