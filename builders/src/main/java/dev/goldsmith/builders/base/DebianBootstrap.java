package dev.goldsmith.builders.base;

import dev.goldsmith.builders.agent.Agent;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.process.Programs;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstraps a Debian or Ubuntu base with {@code mmdebstrap --variant=apt}: a kernel, systemd, udev, CA
 * certificates and the first-boot agent (installed by a customize hook), then {@code mke2fs -t ext4 -d} turns the
 * tree into a raw disk labelled {@link #ROOT_LABEL} without mounting anything, and {@code qemu-img convert} makes
 * it qcow2. The kernel and initrd are copied out of the tree for direct kernel boot.
 */
public final class DebianBootstrap implements BaseImageMaker {

    /** The root file system's label; builder VMs boot with {@code root=LABEL=goldsmith-root}. */
    public static final String ROOT_LABEL = "goldsmith-root";

    private static final Logger LOG = LoggerFactory.getLogger(DebianBootstrap.class);
    private static final String HOOK = "customize-goldsmith";
    private static final long MIB = 1L << 20;
    /** Room left on the root disk for what provisioning installs; the disk is sparse, so it costs nothing. */
    private static final long HEADROOM = 4096 * MIB;

    private final Programs programs;
    private final BaseImageSpec spec;
    private final String mirrorState;
    private final Duration timeout;

    public DebianBootstrap(Programs programs, BaseImageSpec spec, String mirrorState, Duration timeout) {
        this.programs = Objects.requireNonNull(programs, "programs");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.mirrorState = Objects.requireNonNull(mirrorState, "mirrorState");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Returns the key this base is cached under. */
    public String key() {
        return spec.contentKey(mirrorState, Agent.sha256());
    }

    @Override
    public BaseImageInfo make(String key, Path into) throws IOException, ProgramException {
        for (String tool : List.of("mmdebstrap", "mke2fs", "qemu-img")) {
            if (!programs.available(tool)) {
                throw new ProgramException(List.of(tool), "is not installed; bootstrapping a " + spec.distro()
                        + " base needs mmdebstrap, e2fsprogs and qemu-utils", null);
            }
        }
        Path hooks = Files.createDirectory(into.resolve("hooks"));
        Path tree = into.resolve("tree");
        Path raw = into.resolve("root.raw");
        try {
            writeHooks(hooks);
            timed(key, "mmdebstrap", mmdebstrapCommand(spec, hooks, tree), into);
            copyBootFiles(tree, into);
            try (RandomAccessFile file = new RandomAccessFile(raw.toFile(), "rw")) {
                file.setLength(diskSize(tree));
            }
            timed(key, "mke2fs", mke2fsCommand(tree, raw), into);
            timed(key, "qemu-img", List.of("qemu-img", "convert", "-O", "qcow2", raw.toString(),
                    into.resolve(BaseImage.ROOT).toString()), into);
        } finally {
            BaseImageCache.delete(tree);
            BaseImageCache.delete(hooks);
            Files.deleteIfExists(raw);
        }
        return new BaseImageInfo(key, spec.distro().toString(), spec.suite() + " " + spec.mirror(),
                spec.packages(), mirrorState, Agent.sha256(), "root=LABEL=" + ROOT_LABEL, Instant.now().toString(),
                spec.suite(), BaseImageInfo.hostArchitecture());
    }

    /**
     * Returns the mmdebstrap command: an argument list, the mirror and each extra source as its own argument. The
     * package lists are kept, so a build VM's {@code apt-get update} finds them current and reads little; the
     * provisioning's cleanup step removes them from the image it makes.
     */
    static List<String> mmdebstrapCommand(BaseImageSpec spec, Path hooks, Path tree) {
        List<String> command = new ArrayList<>(List.of("mmdebstrap", "--variant=apt", "--mode=root",
                "--format=directory", "--skip=cleanup/apt/lists",
                "--components=" + String.join(",", spec.components()),
                "--include=" + String.join(",", spec.packages()),
                "--hook-directory=" + hooks, spec.suite(), tree.toString(), spec.mirror().toString()));
        command.addAll(spec.extraSources());
        return command;
    }

    /** Returns the mke2fs command that makes the ext4 root file system from {@code tree} inside {@code raw}. */
    static List<String> mke2fsCommand(Path tree, Path raw) {
        return List.of("mke2fs", "-q", "-F", "-t", "ext4", "-L", ROOT_LABEL, "-d", tree.toString(), raw.toString());
    }

    private void timed(String key, String step, List<String> command, Path workDir) throws ProgramException {
        long start = System.nanoTime();
        programs.run(command, workDir, timeout).orThrow();
        LOG.info("image=base key={} step={} seconds={}", key.substring(0, 12), step,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    }

    /** Writes the hook and, in a subdirectory mmdebstrap does not scan for hooks, the agent it installs. */
    private static void writeHooks(Path hooks) throws IOException {
        Agent.writeTo(Files.createDirectory(hooks.resolve("agent")));
        try (InputStream in = DebianBootstrap.class.getResourceAsStream(HOOK)) {
            if (in == null) {
                throw new IllegalStateException("resource " + HOOK + " is missing from the builders jar");
            }
            Files.copy(in, hooks.resolve(HOOK));
        }
        Files.setPosixFilePermissions(hooks.resolve(HOOK), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Copies the newest {@code vmlinuz-*} and its {@code initrd.img-*} out of the tree's {@code /boot}. */
    static void copyBootFiles(Path tree, Path into) throws IOException {
        Path boot = tree.resolve("boot");
        List<Path> kernels = new ArrayList<>();
        if (Files.isDirectory(boot)) {
            try (Stream<Path> files = Files.list(boot)) {
                files.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).sorted().forEach(kernels::add);
            }
        }
        if (kernels.isEmpty()) {
            throw new IOException(boot + ": the bootstrapped tree has no kernel (vmlinuz-*)");
        }
        Path kernel = kernels.get(kernels.size() - 1);
        String version = kernel.getFileName().toString().substring("vmlinuz-".length());
        Path initrd = boot.resolve("initrd.img-" + version);
        if (!Files.isRegularFile(initrd, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(initrd + ": the bootstrapped tree has no initrd for kernel " + version);
        }
        Files.copy(kernel, into.resolve(BaseImage.KERNEL), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(initrd, into.resolve(BaseImage.INITRD), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Returns the raw disk's size: what the tree holds, a quarter more for metadata, and headroom, in MiB. */
    static long diskSize(Path tree) throws IOException {
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.toList()) {
                bytes += Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
                bytes += 4096;
            }
        }
        long size = bytes + bytes / 4 + HEADROOM;
        return (size + MIB - 1) / MIB * MIB;
    }
}
