package dev.goldsmith.builders.base;

import dev.goldsmith.builders.libvirt.Leftovers;
import dev.goldsmith.builders.process.ProgramException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 *
 * <p>Each new mirror state makes a new base of some hundred megabytes, so {@link #obtain} prunes: of the bases in
 * the family of the one it returns ({@link BaseImageInfo#family()}), it keeps the newest {@code keep} by last use
 * and removes the rest, except any used within the last {@code inUse}, because a build in another process may still
 * have an overlay whose backing file is that base's root disk. Every {@link #find} hit marks the base as used now
 * by setting the modification time of its {@code base.json}. A base is renamed away before it is deleted and its
 * last use checked once more, so a build that found it just before is not left without it; one that finds it in
 * the instant between the rename and the check still can be.
 *
 * <p>Known shortcoming: bases of a family nothing asks for any more (a blueprint whose baked packages changed, a
 * distribution no image uses) are never pruned, since pruning only looks at the family just obtained; remove their
 * directories by hand, or with the cache's other contents when no build runs.
 */
public final class BaseImageCache {

    /** How many bases of one family are kept unless configured otherwise. */
    public static final int DEFAULT_KEEP = 2;
    /** The shortest time after its last use that a base is kept whatever {@code keep} says. */
    public static final Duration MIN_IN_USE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(BaseImageCache.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final String BUILDING = ".building-";
    private static final String REMOVING = ".removing-";
    private static final List<String> FILES = List.of(BaseImage.KERNEL, BaseImage.INITRD, BaseImage.ROOT);

    private final Path dir;
    private final int keep;
    private final Duration inUse;
    private final Clock clock;

    /** Creates a cache in {@code dir} that keeps {@link #DEFAULT_KEEP} bases of a family. */
    public BaseImageCache(Path dir) throws IOException {
        this(dir, DEFAULT_KEEP, MIN_IN_USE, Clock.systemUTC());
    }

    /**
     * Creates a cache in {@code dir}, creating the directory when there is none.
     *
     * @param keep  how many bases of a family {@link #obtain} keeps, the one it returns included; at least 1
     * @param inUse how long after its last use a base is never removed; at least {@link #MIN_IN_USE}, and no shorter
     *              than the longest build, whose overlays rest on the base
     * @param clock what says when a base is used
     */
    public BaseImageCache(Path dir, int keep, Duration inUse, Clock clock) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("a base cache keeps at least 1 base per family, was " + keep);
        }
        if (inUse.compareTo(MIN_IN_USE) < 0) {
            throw new IllegalArgumentException("a base is kept at least " + MIN_IN_USE + " after its last use, was "
                    + inUse);
        }
        this.dir = Files.createDirectories(dir);
        this.keep = keep;
        this.inUse = inUse;
        this.clock = clock;
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
        BaseImageInfo read = BaseImageInfo.fromJson(Files.readString(info), info.toString());
        markUsed(info);
        return Optional.of(new BaseImage(base, read));
    }

    /**
     * Returns the base cached under {@code key}, making it with {@code maker} first when there is none, then removes
     * older bases of its family beyond the newest {@code keep}; a removal that fails is logged and does not fail this.
     */
    public BaseImage obtain(String key, BaseImageMaker maker) throws IOException, ProgramException {
        BaseImage base = findOrMake(key, maker);
        prune(base);
        return base;
    }

    private BaseImage findOrMake(String key, BaseImageMaker maker) throws IOException, ProgramException {
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
            LOG.info("base={} family={} cache=made seconds={}", key, info.family(),
                    (System.nanoTime() - start) / 1_000_000_000L);
            markUsed(dir.resolve(key).resolve(BaseImage.INFO));
            return new BaseImage(dir.resolve(key), info);
        } finally {
            delete(building);
        }
    }

    /**
     * Deletes what interrupted builds and removals left behind; call it at start-up, before any build of this cache.
     */
    public void removeAbandoned() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(BUILDING)
                    || p.getFileName().toString().startsWith(REMOVING)).toList()) {
                LOG.warn("base-cache={} removing abandoned {}", dir, entry.getFileName());
                delete(entry);
            }
        }
    }

    /** A base of the family being pruned, and when it was last used. */
    private record Used(String key, Path dir, Instant lastUsed) {
    }

    /**
     * Removes the bases of {@code kept}'s family beyond the newest {@code keep} by last use, never {@code kept} and
     * never one used within {@code inUse}.
     */
    private void prune(BaseImage kept) {
        String family = kept.info().family();
        List<Used> others;
        try {
            others = family(family, kept.info().key());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("base-cache={} family={} not pruned reason=\"{}\"", dir, family, e.getMessage());
            return;
        }
        others.sort(Comparator.comparing(Used::lastUsed).reversed());
        Instant recent = clock.instant().minus(inUse);
        // kept is the newest by last use and takes one of the places.
        for (Used base : others.subList(Math.min(keep - 1, others.size()), others.size())) {
            if (base.lastUsed().isAfter(recent)) {
                LOG.debug("base={} family={} last-used={} kept reason=\"used within the last {}\"", base.key(),
                        family, seconds(base.lastUsed()), inUse);
            } else {
                remove(base, family, "superseded: beyond the newest " + keep + " of its family by last use");
            }
        }
    }

    /** Returns the other complete bases of {@code family}; unreadable ones are logged and left alone. */
    private List<Used> family(String family, String except) throws IOException {
        List<Used> found = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> listing = Files.list(dir)) {
            entries = listing.filter(p -> KEY.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !p.getFileName().toString().equals(except)).sorted().toList();
        }
        for (Path base : entries) {
            Path info = base.resolve(BaseImage.INFO);
            try {
                BaseImageInfo read = BaseImageInfo.fromJson(Files.readString(info), info.toString());
                if (read.family().equals(family)) {
                    found.add(new Used(base.getFileName().toString(), base, lastUsed(info)));
                }
            } catch (NoSuchFileException e) {
                // Another process is removing it, or it is no base of ours.
            } catch (IOException e) {
                LOG.warn("base={} not considered for removal reason=\"{}\"", base.getFileName(), e.getMessage());
            }
        }
        return found;
    }

    /** Renames the base away, checks nobody used it meanwhile, then deletes it. */
    private void remove(Used base, String family, String reason) {
        Path removing = dir.resolve(REMOVING + base.key());
        try {
            delete(removing);
            Files.move(base.dir(), removing, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("base={} family={} not removed reason=\"{}\"", base.key(), family, e.getMessage());
            return;
        }
        try {
            Instant lastUsed = lastUsed(removing.resolve(BaseImage.INFO));
            if (lastUsed.isAfter(base.lastUsed())) {
                Files.move(removing, base.dir(), StandardCopyOption.ATOMIC_MOVE);
                LOG.info("base={} family={} last-used={} kept reason=\"used while it was being removed\"",
                        base.key(), family, seconds(lastUsed));
                return;
            }
        } catch (IOException e) {
            // It cannot go back (another build made a new base under its key meanwhile), and nothing finds it here.
        }
        LOG.info("base removed base={} family={} last-used={} reason=\"{}\"", base.key(), family,
                seconds(base.lastUsed()), reason);
        try {
            delete(removing);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("base={} left in {} reason=\"{}\"; it is deleted at the next start-up", base.key(), removing,
                    e.getMessage());
        }
    }

    /** Marks a base as used now, so pruning in this or any other process keeps it for a while. */
    private void markUsed(Path info) throws IOException {
        Files.setLastModifiedTime(info, FileTime.from(clock.instant()));
    }

    private static Instant lastUsed(Path info) throws IOException {
        return Files.getLastModifiedTime(info).toInstant();
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
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
        Leftovers.deleteTree(path);
    }
}
