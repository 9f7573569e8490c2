package dev.goldsmith.builders.base;

import dev.goldsmith.builders.agent.Agent;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.builders.process.Programs;
import dev.goldsmith.catalog.blueprint.Distro;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares an RPM distribution's base from a vendor cloud image given by path: converted to qcow2, the agent
 * installed and enabled with {@code virt-customize} (which also restores SELinux labels), and the kernel and
 * initrd copied out with {@code virt-get-kernel} for direct kernel boot. Without those tools (Debian package
 * {@code libguestfs-tools}) it fails saying which are missing and why they are needed.
 */
public final class CloudImagePreparer implements BaseImageMaker {

    static final List<String> TOOLS = List.of("qemu-img", "virt-customize", "virt-get-kernel");

    /** The environment setting that runs libguestfs's appliance under software emulation. */
    static final String FORCE_TCG = "LIBGUESTFS_BACKEND_SETTINGS=force_tcg";

    private static final Logger LOG = LoggerFactory.getLogger(CloudImagePreparer.class);
    /** What a libguestfs tool says when its appliance did not start. */
    private static final String LAUNCH_FAILED = "guestfs_launch failed";

    private final Programs programs;
    private final Distro distro;
    private final Path vendorImage;
    private final String kernelRoot;
    private final Duration timeout;
    /** Whether KVM failed to run libguestfs's appliance, so the tools run under software emulation. */
    private boolean softwareEmulation;

    /** Creates a preparer of {@code vendor}'s image, each tool it runs given {@code timeout}. */
    public CloudImagePreparer(Programs programs, VendorImage vendor, Duration timeout) {
        this(programs, vendor.distro(), vendor.image(), vendor.kernelRoot(), timeout);
    }

    /**
     * @param kernelRoot how the kernel finds the image's root file system, such as {@code root=LABEL=root};
     *                   vendors label their root file systems differently
     */
    public CloudImagePreparer(Programs programs, Distro distro, Path vendorImage, String kernelRoot,
            Duration timeout) {
        this.programs = Objects.requireNonNull(programs, "programs");
        this.distro = Objects.requireNonNull(distro, "distro");
        this.vendorImage = vendorImage.toAbsolutePath().normalize();
        this.kernelRoot = Objects.requireNonNull(kernelRoot, "kernelRoot");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (this.vendorImage.toString().contains(":")) {
            throw new IllegalArgumentException("vendor image path " + this.vendorImage + " must not contain ':',"
                    + " which virt-customize reads as a separator");
        }
    }

    /** Returns the cache key: SHA-256 over the distribution, the vendor image's bytes and the agent's hash. */
    public String key() throws IOException {
        requireImage();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("goldsmith-cloud-base-1\0" + distro + "\0" + kernelRoot + "\0" + Agent.sha256() + "\0")
                    .getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(vendorImage)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0;) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    @Override
    public BaseImageInfo make(String key, Path into) throws IOException, ProgramException {
        List<String> missing = TOOLS.stream().filter(t -> !programs.available(t)).toList();
        if (!missing.isEmpty()) {
            throw new ProgramException(missing, "cannot prepare the " + distro + " cloud image " + vendorImage
                    + ": " + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not installed. virt-customize installs the Goldsmith agent into the image and"
                    + " virt-get-kernel copies its kernel out for direct kernel boot (Debian package"
                    + " libguestfs-tools; qemu-img is in qemu-utils)", null);
        }
        requireImage();
        Path agent = Files.createDirectory(into.resolve("agent"));
        Path kernelOut = Files.createDirectory(into.resolve("kernel"));
        Path root = into.resolve(BaseImage.ROOT);
        try {
            Agent.writeTo(agent);
            timed(key, "qemu-img", List.of("qemu-img", "convert", "-O", "qcow2", vendorImage.toString(),
                    root.toString()), into);
            guestfs(key, "virt-customize", customizeCommand(root, agent), into);
            guestfs(key, "virt-get-kernel", List.of("virt-get-kernel", "-a", root.toString(), "-o",
                    kernelOut.toString(), "--unversioned-names"), into);
            Files.move(only(kernelOut, "vmlinuz"), into.resolve(BaseImage.KERNEL));
            Files.move(only(kernelOut, "init"), into.resolve(BaseImage.INITRD));
        } finally {
            BaseImageCache.delete(agent);
            BaseImageCache.delete(kernelOut);
        }
        return new BaseImageInfo(key, distro.toString(), vendorImage.toString(), List.of(), "", Agent.sha256(),
                kernelRoot, Instant.now().toString(), null, BaseImageInfo.hostArchitecture());
    }

    private void timed(String key, String step, List<String> command, Path workDir) throws ProgramException {
        logged(key, step, command, workDir).orThrow();
    }

    private ProgramResult logged(String key, String step, List<String> command, Path workDir)
            throws ProgramException {
        long start = System.nanoTime();
        ProgramResult result = programs.run(command, workDir, timeout);
        LOG.info("image=base key={} distro={} step={} exit={} seconds={}", key.substring(0, 12), distro, step,
                result.exitCode(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        return result;
    }

    /**
     * Runs a libguestfs tool. Its appliance runs under KVM whenever {@code /dev/kvm} is there, and where KVM cannot
     * run it (a nested, paravirtualised KVM makes QEMU abort on {@code -cpu host}) the tool fails to launch it: the
     * tool is then run again under software emulation, as is every later one of this preparation.
     */
    private void guestfs(String key, String step, List<String> command, Path workDir) throws ProgramException {
        if (!softwareEmulation) {
            ProgramResult result = logged(key, step, command, workDir);
            if (result.succeeded() || !result.stderr().contains(LAUNCH_FAILED)) {
                result.orThrow();
                return;
            }
            LOG.warn("image=base key={} distro={} step={} libguestfs appliance did not launch with KVM; running it"
                    + " under software emulation instead", key.substring(0, 12), distro, step);
            softwareEmulation = true;
        }
        timed(key, step, softwareEmulated(command), workDir);
    }

    /** Returns {@code command} run with libguestfs's appliance under software emulation. */
    static List<String> softwareEmulated(List<String> command) {
        List<String> emulated = new ArrayList<>(List.of("env", FORCE_TCG));
        emulated.addAll(command);
        return emulated;
    }

    private void requireImage() throws IOException {
        if (!Files.isRegularFile(vendorImage)) {
            throw new IOException(vendorImage + ": the vendor cloud image for " + distro + " is not there (or not a"
                    + " file); put the image there or configure another");
        }
    }

    /** Returns the virt-customize command that installs and enables the agent. */
    static List<String> customizeCommand(Path root, Path agent) {
        String unit = "/etc/systemd/system/" + Agent.UNIT_NAME;
        return List.of("virt-customize", "-a", root.toString(),
                "--upload", agent.resolve("goldsmith-agent") + ":" + Agent.SCRIPT_PATH,
                "--chmod", "0755:" + Agent.SCRIPT_PATH,
                "--upload", agent.resolve(Agent.UNIT_NAME) + ":" + unit,
                "--link", unit + ":/etc/systemd/system/multi-user.target.wants/" + Agent.UNIT_NAME,
                "--selinux-relabel");
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            if (found.size() != 1) {
                throw new IOException(dir + ": virt-get-kernel left " + found.size() + " files named " + prefix
                        + "*, expected one");
            }
            return found.get(0);
        }
    }
}
