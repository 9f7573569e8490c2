package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.VersionEntry;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Rebuilds the in-memory catalog at start-up from the repository's HEAD tree: every {@code catalog/<image>.json},
 * and the {@code manifest.json} of each live version for the impact index. Files are read straight from Git objects
 * in one walk of the tree, which descends only into the version folders it needs; no work tree is read and no
 * history is walked.
 *
 * <p>A broken file (not valid JSON, not a valid entry, a manifest naming another image or version, a live version
 * without a manifest) is reported as a {@link LoadProblem} with its path and reason, and the rest loads without it.
 */
public final class CatalogLoader {

    /** The states whose versions are not live: nothing is built from them, so impact analysis skips them. */
    private static final Set<LifecycleState> DEAD = EnumSet.of(LifecycleState.RETIRED, LifecycleState.FAILED,
            LifecycleState.REVOKED);
    private static final String MANIFEST = "manifest.json";

    private CatalogLoader() {
    }

    /** Returns the catalog at HEAD of the repository in {@code dir}: a work tree with {@code .git}, or a bare one. */
    public static LoadedCatalog load(Path dir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (dir.resolve(Constants.DOT_GIT).toFile().exists()) {
            builder.findGitDir(dir.toFile());
        } else {
            builder.setGitDir(dir.toFile());
        }
        try (Repository repository = builder.build()) {
            return load(repository);
        }
    }

    /** Returns the catalog at HEAD of {@code repository}. */
    public static LoadedCatalog load(Repository repository) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        if (head == null) {
            return new LoadedCatalog(null, Map.of(), List.of(), List.of());
        }
        try (ObjectReader reader = repository.newObjectReader(); RevWalk revWalk = new RevWalk(reader)) {
            RevCommit commit = revWalk.parseCommit(head);
            Load load = new Load(reader);
            load.walk(commit);
            load.checkEveryLiveVersionHasAManifest();
            return new LoadedCatalog(commit.copy(), load.entries, load.manifests, load.problems);
        }
    }

    /** One load in progress. */
    private static final class Load {

        private final ObjectReader reader;
        private final Map<String, ImageEntry> entries = new TreeMap<>();
        private final Map<String, Set<String>> live = new HashMap<>();
        private final Set<String> found = new HashSet<>();
        private final List<Manifest> manifests = new ArrayList<>();
        private final List<LoadProblem> problems = new ArrayList<>();

        Load(ObjectReader reader) {
            this.reader = reader;
        }

        /**
         * Walks the tree in Git's order, where {@code catalog/} comes before {@code images/}: by the time the walk
         * reaches an image's folder the live versions are known, and only their folders are opened.
         */
        void walk(RevCommit commit) throws IOException {
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(commit.getTree());
                walk.setRecursive(false);
                while (walk.next()) {
                    String name = walk.getNameString();
                    boolean tree = walk.isSubtree();
                    String top = walk.getDepth() == 0 ? name : walk.getPathString().substring(0,
                            walk.getPathString().indexOf('/'));
                    switch (walk.getDepth()) {
                        case 0 -> {
                            if (tree && (name.equals(CatalogLayout.CATALOG) || name.equals(CatalogLayout.IMAGES))) {
                                walk.enterSubtree();
                            }
                        }
                        case 1 -> {
                            if (top.equals(CatalogLayout.CATALOG) && !tree && name.endsWith(".json")) {
                                entry(walk.getPathString(), name.substring(0, name.length() - 5), walk.getObjectId(0));
                            } else if (top.equals(CatalogLayout.IMAGES) && tree && live.containsKey(name)) {
                                walk.enterSubtree();
                            }
                        }
                        case 2 -> {
                            String image = walk.getPathString().split("/", 3)[1];
                            if (tree && live.get(image).contains(name)) {
                                walk.enterSubtree();
                            }
                        }
                        default -> {
                            if (!tree && name.equals(MANIFEST)) {
                                String[] path = walk.getPathString().split("/", 4);
                                manifest(walk.getPathString(), path[1], path[2], walk.getObjectId(0));
                            }
                        }
                    }
                }
            }
        }

        private void entry(String path, String image, ObjectId blob) {
            String nameProblem = CatalogLayout.imageNameProblem(image);
            if (nameProblem != null) {
                problems.add(new LoadProblem(path, nameProblem));
                return;
            }
            try {
                ImageEntry entry = ImageEntry.fromJson(text(blob), path);
                if (!entry.image().equals(image)) {
                    problems.add(new LoadProblem(path, "holds the entry of image '" + entry.image() + "'"));
                    return;
                }
                entries.put(image, entry);
                Set<String> versions = new HashSet<>();
                entry.versions().stream().filter(v -> !DEAD.contains(v.state()))
                        .forEach(v -> versions.add(v.version().toString()));
                live.put(image, versions);
            } catch (IOException | LargeObjectException e) {
                problems.add(new LoadProblem(path, reason(e, path)));
            }
        }

        private void manifest(String path, String image, String version, ObjectId blob) {
            try {
                Manifest manifest = Manifest.fromJson(text(blob), path);
                if (!manifest.image().equals(image) || !manifest.version().toString().equals(version)) {
                    problems.add(new LoadProblem(path, "holds the manifest of " + manifest.image() + " "
                            + manifest.version()));
                    return;
                }
                manifests.add(manifest);
                found.add(image + "/" + version);
            } catch (IOException | LargeObjectException e) {
                problems.add(new LoadProblem(path, reason(e, path)));
            }
        }

        /** A version still building may have no manifest yet; any other live version must have one. */
        void checkEveryLiveVersionHasAManifest() {
            for (ImageEntry entry : entries.values()) {
                for (VersionEntry v : entry.versions()) {
                    boolean needs = !DEAD.contains(v.state()) && v.state() != LifecycleState.BUILDING;
                    if (needs && !found.contains(entry.image() + "/" + v.version())) {
                        String path = CatalogLayout.manifest(entry.image(), v.version());
                        if (problems.stream().noneMatch(p -> p.path().equals(path))) {
                            problems.add(new LoadProblem(path, "missing, but " + entry.image() + " " + v.version()
                                    + " is " + v.state().name().toLowerCase(Locale.ROOT)));
                        }
                    }
                }
            }
        }

        private String text(ObjectId blob) throws IOException {
            return new String(reader.open(blob, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
        }

        /** Returns the reason without the path the parser put in front of it again. */
        private static String reason(Exception e, String path) {
            String message = String.valueOf(e.getMessage());
            return message.startsWith(path + ": ") ? message.substring(path.length() + 2) : message;
        }
    }
}
