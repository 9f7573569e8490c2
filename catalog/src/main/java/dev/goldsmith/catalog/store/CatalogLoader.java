package dev.goldsmith.catalog.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Rebuilds the in-memory catalog at start-up from the repository's HEAD tree: every {@code catalog/<image>.json},
 * and the {@code manifest.json} of each live version for the impact index. Files are read straight from Git objects;
 * no work tree is read and no history is walked.
 *
 * <p>Images are loaded on every core, each thread with its own object reader, taking a few neighbouring images at a
 * time: an image's entry first, which says which of its versions are live, then the manifests of those versions
 * only, so the trees and blobs of retired versions are never opened and no thread waits for the others between
 * entries and manifests. The files are read straight into the records by streaming readers ({@link EntryReader},
 * {@link ManifestReader}): the catalog loads while the JVM is cold, and data binding over a million small records
 * before the JIT has compiled it took seconds. A document those readers cannot read exactly as
 * {@link ImageEntry#fromJson} and {@link Manifest#fromJson} would goes to those, so the result is the same either
 * way. The strings of the manifests' packages and of the entries' reasons repeat across versions and images, so
 * each distinct one is kept once.
 *
 * <p>A broken file (not valid JSON, not a valid entry, a manifest naming another image or version, a live version
 * without a manifest) is reported as a {@link LoadProblem} with its path and reason, and the rest loads without it.
 */
public final class CatalogLoader {

    /** The states whose versions are not live: nothing is built from them, so impact analysis skips them. */
    private static final Set<LifecycleState> DEAD = EnumSet.of(LifecycleState.RETIRED, LifecycleState.FAILED,
            LifecycleState.REVOKED);
    private static final String MANIFEST = "manifest.json";
    private static final String JSON = ".json";
    /** Images a thread takes at a time: few enough to share the work out evenly, enough to keep neighbours together. */
    private static final int CHUNK = 4;

    private static final ThreadFactory LOADER_THREADS = task -> {
        Thread thread = new Thread(task, "catalog-loader");
        thread.setDaemon(true);
        return thread;
    };

    private CatalogLoader() {
    }

    /** Returns the catalog at HEAD of the repository in {@code dir}: a work tree with {@code .git}, or a bare one. */
    public static LoadedCatalog load(Path dir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (dir.resolve(Constants.DOT_GIT).toFile().exists()) {
            builder.setGitDir(dir.resolve(Constants.DOT_GIT).toFile());
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
        RevCommit commit;
        try (RevWalk revWalk = new RevWalk(repository)) {
            commit = revWalk.parseCommit(head);
        }
        RevTree tree = commit.getTree();
        List<LoadProblem> problems = new ArrayList<>();
        List<Blob> entryBlobs;
        Map<String, ObjectId> imageTrees;
        try (ObjectReader reader = repository.newObjectReader()) {
            entryBlobs = entryBlobs(reader, tree, problems);
            imageTrees = imageTrees(reader, tree);
        }

        ConcurrentMap<String, String> strings = new ConcurrentHashMap<>(1 << 16);
        Map<String, ImageEntry> entries = new TreeMap<>();
        List<Manifest> manifests = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (Image image : parse(repository, entryBlobs, strings, local -> {
            EntryReader entryReader = new EntryReader(local);
            ManifestReader manifestReader = new ManifestReader(local);
            return (reader, blob) -> image(reader, blob, imageTrees.get(blob.image()), entryReader, manifestReader);
        })) {
            problems.addAll(image.problems());
            if (image.entry() != null) {
                entries.put(image.entry().image(), image.entry());
            }
            for (Manifest manifest : image.manifests()) {
                manifests.add(manifest);
                found.add(CatalogLayout.manifest(manifest.image(), manifest.version()));
            }
        }
        problems.addAll(missingManifests(entries, found, problems));
        return new LoadedCatalog(commit.copy(), entries, manifests, problems);
    }

    /** Returns the blobs of {@code catalog/*.json}, in path order. */
    private static List<Blob> entryBlobs(ObjectReader reader, RevTree tree, List<LoadProblem> problems)
            throws IOException {
        List<Blob> blobs = new ArrayList<>();
        try (TreeWalk walk = TreeWalk.forPath(reader, CatalogLayout.CATALOG, tree)) {
            if (walk == null || !walk.isSubtree()) {
                return blobs;
            }
            walk.enterSubtree();
            while (walk.next()) {
                String name = walk.getNameString();
                if (walk.isSubtree() || !name.endsWith(JSON)) {
                    continue;
                }
                String image = name.substring(0, name.length() - JSON.length());
                String nameProblem = CatalogLayout.imageNameProblem(image);
                if (nameProblem != null) {
                    problems.add(new LoadProblem(walk.getPathString(), nameProblem));
                } else {
                    blobs.add(new Blob(walk.getPathString(), image, null, walk.getObjectId(0)));
                }
            }
        }
        return blobs;
    }

    /** Returns the tree of each image's folder under {@code images/}, by image name. */
    private static Map<String, ObjectId> imageTrees(ObjectReader reader, RevTree tree) throws IOException {
        Map<String, ObjectId> trees = new HashMap<>();
        try (TreeWalk walk = TreeWalk.forPath(reader, CatalogLayout.IMAGES, tree)) {
            if (walk == null || !walk.isSubtree()) {
                return trees;
            }
            for (CanonicalTreeParser images = new CanonicalTreeParser(null, reader, walk.getObjectId(0));
                    !images.eof(); images.next()) {
                if (images.getEntryFileMode() == FileMode.TREE) {
                    trees.put(images.getEntryPathString(), images.getEntryObjectId());
                }
            }
        }
        return trees;
    }

    /**
     * Loads one image: its entry, then the manifests of its live versions, opening only the folders of those
     * versions in {@code imageTree} (null when the image has no folder).
     */
    private static Image image(ObjectReader reader, Blob entryBlob, ObjectId imageTree, EntryReader entries,
            ManifestReader manifests) throws IOException {
        Parsed<ImageEntry> parsed = parseOne(reader, entryBlob, json -> entry(entries, entryBlob, json));
        if (parsed.problem() != null) {
            return new Image(null, List.of(), List.of(new LoadProblem(entryBlob.path(), parsed.problem())));
        }
        ImageEntry entry = parsed.value();
        Set<String> live = new HashSet<>();
        entry.versions().stream().filter(v -> !DEAD.contains(v.state())).forEach(v -> live.add(v.version().toString()));
        if (imageTree == null || live.isEmpty()) {
            return new Image(entry, List.of(), List.of());
        }
        List<Manifest> loaded = new ArrayList<>();
        List<LoadProblem> problems = new ArrayList<>();
        for (CanonicalTreeParser versions = new CanonicalTreeParser(null, reader, imageTree); !versions.eof();
                versions.next()) {
            String version = versions.getEntryPathString();
            if (versions.getEntryFileMode() != FileMode.TREE || !live.contains(version)) {
                continue;
            }
            ObjectId manifestId = manifestIn(reader, versions.getEntryObjectId());
            if (manifestId == null) {
                continue; // reported as missing once every image is loaded
            }
            Blob blob = new Blob(CatalogLayout.IMAGES + "/" + entryBlob.image() + "/" + version + "/" + MANIFEST,
                    entryBlob.image(), version, manifestId);
            Parsed<Manifest> manifest = parseOne(reader, blob, json -> manifest(manifests, blob, json));
            if (manifest.problem() != null) {
                problems.add(new LoadProblem(blob.path(), manifest.problem()));
            } else {
                loaded.add(manifest.value());
            }
        }
        return new Image(entry, loaded, problems);
    }

    /** Returns the {@code manifest.json} blob of a version's folder, or null when it has none. */
    private static ObjectId manifestIn(ObjectReader reader, ObjectId versionTree) throws IOException {
        for (CanonicalTreeParser files = new CanonicalTreeParser(null, reader, versionTree); !files.eof();
                files.next()) {
            if (files.getEntryFileMode() != FileMode.TREE && files.getEntryPathString().equals(MANIFEST)) {
                return files.getEntryObjectId();
            }
        }
        return null;
    }

    private static ImageEntry entry(EntryReader reader, Blob blob, byte[] json) throws IOException {
        ImageEntry entry = reader.read(json, blob.path());
        if (!entry.image().equals(blob.image())) {
            throw new IOException("holds the entry of image '" + entry.image() + "'");
        }
        return entry;
    }

    private static Manifest manifest(ManifestReader reader, Blob blob, byte[] json) throws IOException {
        Manifest m = reader.read(json, blob.path());
        if (!m.image().equals(blob.image()) || !m.version().toString().equals(blob.version())) {
            throw new IOException("holds the manifest of " + m.image() + " " + m.version());
        }
        return m;
    }

    /** A version still building may have no manifest yet; any other live version must have one. */
    private static List<LoadProblem> missingManifests(Map<String, ImageEntry> entries, Set<String> found,
            List<LoadProblem> problems) {
        Set<String> reported = new HashSet<>();
        problems.forEach(p -> reported.add(p.path()));
        List<LoadProblem> missing = new ArrayList<>();
        for (ImageEntry entry : entries.values()) {
            for (VersionEntry v : entry.versions()) {
                String path = CatalogLayout.manifest(entry.image(), v.version());
                boolean needs = !DEAD.contains(v.state()) && v.state() != LifecycleState.BUILDING;
                if (needs && !found.contains(path) && !reported.contains(path)) {
                    missing.add(new LoadProblem(path, "missing, but " + entry.image() + " " + v.version() + " is "
                            + v.state().name().toLowerCase(Locale.ROOT)));
                }
            }
        }
        return missing;
    }

    /**
     * Loads the image of each of {@code entryBlobs} on every core; returns the outcomes in the order of
     * {@code entryBlobs}. Each thread has its own object reader (a reader is not thread-safe) and its own task from
     * {@code tasks}, given the thread's table of strings in front of {@code strings}; it takes {@link #CHUNK}
     * neighbouring images at a time.
     */
    private static List<Image> parse(Repository repository, List<Blob> entryBlobs,
            ConcurrentMap<String, String> strings, Function<Strings, Task> tasks) throws IOException {
        Image[] out = new Image[entryBlobs.size()];
        AtomicInteger next = new AtomicInteger();
        Callable<Void> worker = () -> {
            Task task = tasks.apply(new Strings(strings));
            try (ObjectReader reader = repository.newObjectReader()) {
                for (int start = next.getAndAdd(CHUNK); start < out.length; start = next.getAndAdd(CHUNK)) {
                    for (int i = start; i < Math.min(out.length, start + CHUNK); i++) {
                        out[i] = task.load(reader, entryBlobs.get(i));
                    }
                }
            }
            return null;
        };
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), (out.length + CHUNK - 1) / CHUNK);
        if (threads <= 1) {
            call(worker);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads - 1, LOADER_THREADS);
            try {
                List<Future<Void>> others = new ArrayList<>();
                for (int i = 1; i < threads; i++) {
                    others.add(pool.submit(worker));
                }
                call(worker);
                for (Future<Void> other : others) {
                    try {
                        other.get();
                    } catch (ExecutionException e) {
                        rethrow(e.getCause());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while loading the catalog");
            } finally {
                pool.shutdownNow();
            }
        }
        return Arrays.asList(out);
    }

    private static void call(Callable<Void> worker) throws IOException {
        try {
            worker.call();
        } catch (Exception e) {
            rethrow(e);
        }
    }

    private static void rethrow(Throwable e) throws IOException {
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new IOException(e);
    }

    private static <T> Parsed<T> parseOne(ObjectReader reader, Blob blob, Parser<T> parser) throws IOException {
        byte[] json;
        try {
            json = reader.open(blob.id(), Constants.OBJ_BLOB).getCachedBytes();
        } catch (LargeObjectException e) {
            return new Parsed<>(blob, null, "is too large to load: " + e.getMessage());
        } catch (IOException e) {
            throw new IOException("cannot read " + blob.path() + " from the repository", e);
        }
        try {
            return new Parsed<>(blob, parser.parse(json), null);
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            String prefix = blob.path() + ": ";
            return new Parsed<>(blob, null, message.startsWith(prefix) ? message.substring(prefix.length())
                    : message);
        }
    }

    /** A file to load: its path, the image (and version) its path names, and its blob. */
    private record Blob(String path, String image, String version, ObjectId id) {
    }

    /** A file loaded: the value, or the reason it could not be. */
    private record Parsed<T>(Blob blob, T value, String problem) {
    }

    /** An image loaded: its entry (null when it could not be), its live versions' manifests, what was broken. */
    private record Image(ImageEntry entry, List<Manifest> manifests, List<LoadProblem> problems) {
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] json) throws IOException;
    }

    /** Loads one image, given its catalog entry's blob, with a thread's own reader. */
    @FunctionalInterface
    private interface Task {
        Image load(ObjectReader reader, Blob entryBlob) throws IOException;
    }
}
