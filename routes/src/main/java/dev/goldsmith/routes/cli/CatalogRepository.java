package dev.goldsmith.routes.cli;

import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.store.CatalogLayout;
import dev.goldsmith.catalog.store.CatalogLoader;
import dev.goldsmith.catalog.store.LoadedCatalog;
import dev.goldsmith.routes.config.ConfigException;
import dev.goldsmith.routes.config.ConfigLoader;
import dev.goldsmith.routes.config.GoldsmithConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What the operator's catalog commands share: the configuration, and reading the catalog's Git repository without
 * writing to it (Git objects only; neither the work tree nor the index is touched).
 */
final class CatalogRepository {

    private CatalogRepository() {
    }

    /** Loads the configuration, printing every problem on {@code err}; returns null when it cannot be used. */
    static GoldsmithConfig config(Path file, Map<String, String> env, PrintWriter err) {
        try {
            return ConfigLoader.load(file, env);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return null;
        }
    }

    /** Returns whether {@code dir} holds a Git repository: a work tree with {@code .git}, or a bare one. */
    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(Constants.DOT_GIT)) || Files.isRegularFile(dir.resolve(Constants.HEAD))
                && Files.isDirectory(dir.resolve("objects"));
    }

    /** Returns the catalog at HEAD of the repository in {@code dir}, or an empty one when nothing is there yet. */
    static LoadedCatalog load(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return new LoadedCatalog(null, Map.of(), List.of(), List.of());
        }
        if (!exists(dir)) {
            throw new IOException(dir + " is not a Git repository (no .git, and not a bare repository)");
        }
        return CatalogLoader.load(dir);
    }

    /** Prints each load problem as a warning: the rest of the catalog loaded without the file named. */
    static void warn(LoadedCatalog catalog, PrintWriter err) {
        catalog.problems().forEach(p -> err.println("warning: " + p));
    }

    /** Returns the manifest of {@code image} {@code version} as committed in {@code commit}, if there is one. */
    static Optional<Manifest> manifest(Path dir, ObjectId commit, String image, ImageVersionId version)
            throws IOException {
        String path = CatalogLayout.manifest(image, version);
        try (Repository repository = open(dir); RevWalk walk = new RevWalk(repository);
                ObjectReader reader = repository.newObjectReader();
                TreeWalk tree = TreeWalk.forPath(reader, path, walk.parseCommit(commit).getTree())) {
            if (tree == null || tree.getFileMode(0).getObjectType() != FileMode.REGULAR_FILE.getObjectType()) {
                return Optional.empty();
            }
            String json = new String(reader.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            return Optional.of(Manifest.fromJson(json, path + " at " + commit.abbreviate(10).name()));
        }
    }

    private static Repository open(Path dir) throws IOException {
        Path gitDir = Files.exists(dir.resolve(Constants.DOT_GIT)) ? dir.resolve(Constants.DOT_GIT) : dir;
        return new FileRepositoryBuilder().setMustExist(true).setGitDir(gitDir.toFile()).build();
    }

    /** Returns the user who runs the command: {@code $USER}, else the JVM's {@code user.name}. */
    static String user(Map<String, String> env) {
        String user = env.get("USER");
        return user == null || user.isBlank() ? System.getProperty("user.name", "unknown") : user.strip();
    }
}
