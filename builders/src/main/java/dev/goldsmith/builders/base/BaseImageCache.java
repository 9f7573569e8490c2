package dev.goldsmith.builders.base;

import dev.goldsmith.builders.process.ProgramException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps base images under a cache directory, one directory per content key ({@code <cache>/<key>/}). A base is
 * made in a temporary directory beside it and renamed into place only when complete, so a crash leaves at most a
 * {@code .building-*} directory that {@link #removeAbandoned()} deletes, never a half base that looks complete.
 */
public final class BaseImageCache {

    private static final Logger LOG = LoggerFactory.getLogger(BaseImageCache.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final String BUILDING = ".building-";
    private static final List<String> FILES = List.of(BaseImage.KERNEL, BaseImage.INITRD, BaseImage.ROOT);

    private final Path dir;

    public BaseImageCache(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Returns the complete base cached under {@code key}, if there is one. */
    public Optional<BaseImage> find(String key) throws IOException {
        Path base = dir.resolve(checked(key));
        Path info = base.resolve(BaseImage.INFO);
        if (!Files.isRegularFile(info)) {
            return Optional.empty();
        }
        for (String file : FILES) {
            if (!Files.isRegularFile(base.resolve(file)) || Files.size(base.resolve(file)) == 0) {
                throw new IOException(base + ": cached base is missing " + file + "; remove the directory");
            }
        }
        return Optional.of(new BaseImage(base, BaseImageInfo.fromJson(Files.readString(info), info.toString())));
    }

    /** Returns the base cached under {@code key}, making it with {@code maker} first when there is none. */
    public BaseImage obtain(String key, BaseImageMaker maker) throws IOException, ProgramException {
        Optional<BaseImage> cached = find(key);
        if (cached.isPresent()) {
            LOG.info("base={} cache=hit", key);
            return cached.get();
        }
        Path building = Files.createTempDirectory(dir, BUILDING + key.substring(0, 12) + "-");
        try {
            long start = System.nanoTime();
            BaseImageInfo info = maker.make(key, building);
            for (String file : FILES) {
                if (!Files.isRegularFile(building.resolve(file))) {
                    throw new IOException("making base " + key + " left no " + file + " in " + building);
                }
            }
            Files.writeString(building.resolve(BaseImage.INFO), info.toJson());
            if (!publish(building, dir.resolve(key))) {
                LOG.info("base={} cache=raced another build made it first", key);
                return find(key).orElseThrow(() -> new IOException(dir.resolve(key) + ": not a complete base"));
            }
            LOG.info("base={} cache=made seconds={}", key, (System.nanoTime() - start) / 1_000_000_000L);
            return new BaseImage(dir.resolve(key), info);
        } finally {
            delete(building);
        }
    }

    /** Deletes what interrupted builds left behind; call it at start-up, before any build of this cache. */
    public void removeAbandoned() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(BUILDING)).toList()) {
                LOG.warn("base-cache={} removing abandoned build {}", dir, entry.getFileName());
                delete(entry);
            }
        }
    }

    private static boolean publish(Path building, Path target) throws IOException {
        try {
            Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + building + " to " + target + " atomically", e);
        } catch (IOException e) {
            // Linux refuses to rename onto a non-empty directory: another build published this key first.
            if (Files.isRegularFile(target.resolve(BaseImage.INFO))) {
                return false;
            }
            throw e;
        }
    }

    private static String checked(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("base key must be 64 lower-case hex digits, was '" + key + "'");
        }
        return key;
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
