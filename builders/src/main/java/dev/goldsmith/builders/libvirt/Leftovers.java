package dev.goldsmith.builders.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what crashed or cancelled builds left behind: Goldsmith's domains on a host and Goldsmith's entries in
 * the build scratch directory. Runs at start-up and after each build.
 *
 * <p>A domain is Goldsmith's only when its name starts with {@value DomainSpec#NAME_PREFIX} <em>and</em> its
 * metadata carries a {@link DomainMark}; a domain that merely has the name is never touched. A scratch entry is
 * Goldsmith's when its name starts with {@value #SCRATCH_PREFIX}. Anything belonging to a build still in progress
 * (its build id given in {@code active}, and appearing in a scratch entry's name) is kept.
 *
 * <p>Builds of other Goldsmith processes sharing the host or the scratch directory (the service and an operator's
 * {@code goldsmith build}) are kept too: a domain's mark and a build's scratch directory name the process that owns
 * them ({@link BuildOwner}), and what belongs to a process that still runs on this machine is not this sweep's to
 * take. What a process of another machine owns is taken only once it is older than the longest a build can last.
 */
public final class Leftovers {

    /** Goldsmith names everything it creates in the scratch directory with this prefix. */
    public static final String SCRATCH_PREFIX = "goldsmith-";

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    /** The file in a build's scratch directory that names the process owning it. */
    public static final String OWNER_FILE = "owner";
    /** How old a domain of another machine's Goldsmith must be before it counts as left behind. */
    public static final Duration FOREIGN_AGE = Duration.ofHours(3);

    private final Path scratchDir;
    private final Clock clock;

    /** Creates a cleaner for domains on any host and for entries in {@code scratchDir}. */
    public Leftovers(Path scratchDir) {
        this(scratchDir, Clock.systemUTC());
    }

    Leftovers(Path scratchDir, Clock clock) {
        this.scratchDir = Values.absolutePath("scratchDir", scratchDir);
        this.clock = clock;
    }

    /** Writes into a build's scratch directory which process owns it, so other processes' sweeps leave it alone. */
    public static void claim(Path buildScratch) throws IOException {
        Files.writeString(buildScratch.resolve(OWNER_FILE), BuildOwner.current() + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * One thing removed.
     *
     * @param host    the host the domain was on, or null for a scratch entry
     * @param what    the domain name or the scratch path
     * @param image   the image it served, or null when not known (scratch entries)
     * @param buildId the build it belonged to, or null when not known
     * @param reason  why it was removed
     */
    public record Removal(String host, String what, String image, String buildId, String reason) {
    }

    /**
     * Destroys and undefines every Goldsmith domain on {@code host} that does not belong to a build in
     * {@code active}.
     *
     * @return what was removed
     * @throws HostException when the host cannot be listed; removals done before the failure are logged
     */
    public List<Removal> sweepDomains(LibvirtHost host, Set<String> active) throws HostException {
        List<Removal> removed = new ArrayList<>();
        for (String domain : host.domainNames()) {
            if (!domain.startsWith(DomainSpec.NAME_PREFIX)) {
                continue;
            }
            try {
                sweepDomain(host, domain, active).ifPresent(removed::add);
            } catch (HostException e) {
                if (e.unreachable()) {
                    throw e;
                }
                LOG.warn("host={} uri={} domain={} not removed reason=\"{}\"", host.name(), host.uri(), domain,
                        e.getMessage());
            }
        }
        return removed;
    }

    private Optional<Removal> sweepDomain(LibvirtHost host, String domain, Set<String> active)
            throws HostException {
        String xml = host.domainXml(domain);
        if (xml == null) {
            return Optional.empty();
        }
        Optional<DomainMark> mark = DomainXml.readMark(xml);
        if (mark.isEmpty()) {
            LOG.info("host={} uri={} domain={} kept reason=\"name has Goldsmith's prefix but no Goldsmith"
                    + " metadata\"", host.name(), host.uri(), domain);
            return Optional.empty();
        }
        DomainMark m = mark.get();
        Optional<String> keep = keepReason(m, active);
        if (keep.isPresent()) {
            LOG.debug("host={} uri={} domain={} build={} kept reason=\"{}\"", host.name(), host.uri(), domain,
                    m.buildId(), keep.get());
            return Optional.empty();
        }
        boolean destroyed = host.destroy(domain);
        boolean undefined = host.undefine(domain);
        if (!destroyed && !undefined) {
            return Optional.empty();
        }
        String reason = (destroyed ? "still running" : "defined but shut off") + " after its build ended"
                + " (created " + m.created() + (m.owner() == null ? "" : ", by Goldsmith process " + m.owner().pid())
                + ")";
        LOG.info("host={} uri={} domain={} image=\"{}\" build={} removed destroyed={} undefined={}"
                + " reason=\"{}\"", host.name(), host.uri(), domain, m.image(), m.buildId(), destroyed, undefined,
                reason);
        return Optional.of(new Removal(host.name(), domain, m.image(), m.buildId(), reason));
    }

    /** Returns why a marked domain is not left behind, or empty when it is. */
    private Optional<String> keepReason(DomainMark mark, Set<String> active) {
        BuildOwner owner = mark.owner();
        BuildOwner.State state = owner == null ? BuildOwner.State.THIS_PROCESS : owner.state();
        switch (state) {
            case THIS_PROCESS:
                return active.contains(mark.buildId()) ? Optional.of("its build is in progress") : Optional.empty();
            case RUNNING:
                return Optional.of("its build belongs to Goldsmith process " + owner.pid() + ", which still runs");
            case ELSEWHERE:
                return mark.created().plus(FOREIGN_AGE).isAfter(clock.instant())
                        ? Optional.of("its build belongs to Goldsmith on another machine and is younger than "
                        + FOREIGN_AGE.toHours() + " hours")
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /**
     * Deletes every entry of the scratch directory named {@value #SCRATCH_PREFIX}{@code *} whose name contains
     * none of the {@code active} build ids; directories are deleted with their contents, symbolic links are
     * removed without following them.
     *
     * @return what was removed
     * @throws IOException when the directory cannot be read or an entry cannot be deleted
     */
    public List<Removal> sweepScratch(Set<String> active) throws IOException {
        List<Removal> removed = new ArrayList<>();
        if (!Files.isDirectory(scratchDir, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(scratchDir, SCRATCH_PREFIX + "*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (active.stream().anyMatch(name::contains) || ownedByAnotherRunningProcess(entry)) {
                    continue;
                }
                deleteTree(entry);
                String reason = "scratch entry of a build no longer in progress";
                LOG.info("scratch={} removed reason=\"{}\"", entry, reason);
                removed.add(new Removal(null, entry.toString(), null, null, reason));
            }
        }
        return removed;
    }

    /** Whether a build scratch directory names an owner other than this process that still runs. */
    private static boolean ownedByAnotherRunningProcess(Path entry) {
        Path file = entry.resolve(OWNER_FILE);
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return BuildOwner.parse(Files.readString(file, StandardCharsets.US_ASCII))
                    .map(o -> o.state() == BuildOwner.State.RUNNING).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes {@code entry} and what it holds, symbolic links without following them. A build that is ending may be
     * removing the same files: what is already gone is not an error.
     */
    public static void deleteTree(Path entry) throws IOException {
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(entry);
            return;
        }
        try {
            Files.walkFileTree(entry, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    if (failure instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw failure;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null && !(failure instanceof NoSuchFileException)) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // removed meanwhile by the build it belonged to
        }
    }
}
