package dev.goldsmith.builders.build;

import dev.goldsmith.builders.agent.ConsoleReport;
import dev.goldsmith.builders.agent.StepReport;
import dev.goldsmith.builders.base.BaseImageCache;
import dev.goldsmith.builders.base.BaseImageSpec;
import dev.goldsmith.builders.base.CloudImagePreparer;
import dev.goldsmith.builders.base.DebianBootstrap;
import dev.goldsmith.builders.base.VendorImage;
import dev.goldsmith.builders.libvirt.KvmProbe;
import dev.goldsmith.builders.process.Programs;
import dev.goldsmith.builders.provision.ProvisioningDisk;
import dev.goldsmith.builders.provision.ProvisioningPlan;
import dev.goldsmith.builders.provision.ProvisioningPlanner;
import dev.goldsmith.builders.step.BuildStep;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.Distro;
import dev.goldsmith.catalog.blueprint.PackageSpec;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.image.PackageLock;
import dev.goldsmith.catalog.version.VersionScheme;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The steps that make an image's artifact, manifest and lock; see {@link ImageBuild} for their order. */
final class BuildSteps {

    /** The APT suite of each Debian and Ubuntu release a base can be bootstrapped for. */
    static final Map<String, String> SUITES = Map.of("debian-11", "bullseye", "debian-12", "bookworm",
            "debian-13", "trixie", "ubuntu-20.04", "focal", "ubuntu-22.04", "jammy", "ubuntu-24.04", "noble");

    /** The configuration key that lists the vendor images, named in messages an operator acts on. */
    static final String VENDOR_IMAGES_KEY = "build.vendor-images";

    private static final Duration QEMU_IMG_TIMEOUT = Duration.ofMinutes(10);

    private BuildSteps() {
    }

    /** Returns the distribution of {@code request}'s blueprint. */
    static Distro distro(BuildRequest request) {
        return Distro.parse(request.blueprint().distro()).orElseThrow(() -> new IllegalArgumentException(
                "blueprint of " + request.image() + " has unknown distro '" + request.blueprint().distro() + "'"));
    }

    /** Returns the base spec of {@code request}, a Debian or Ubuntu one: its release's suite from its mirror. */
    static BaseImageSpec baseSpec(BuildRequest request) {
        Distro distro = distro(request);
        if (distro.family() != Distro.Family.DEBIAN && distro.family() != Distro.Family.UBUNTU) {
            throw new IllegalArgumentException("image " + request.image() + " is " + distro + ", which is not"
                    + " bootstrapped: its base is prepared from a vendor cloud image");
        }
        String suite = SUITES.get(distro.toString());
        if (suite == null) {
            throw new IllegalArgumentException("image " + request.image() + ": no APT suite known for " + distro);
        }
        if (request.mirror() == null) {
            throw new IllegalArgumentException("image " + request.image() + " is " + distro + ", whose base is"
                    + " bootstrapped from an APT mirror, but the request names none");
        }
        List<String> components = distro.family() == Distro.Family.UBUNTU ? List.of("main", "universe")
                : List.of("main");
        String own = "deb " + request.mirror() + " " + suite + " " + String.join(" ", components);
        List<String> extraSources = request.guestSources().stream().filter(line -> !line.equals(own)).toList();
        return new BaseImageSpec(distro, suite, request.mirror(), components, bakedPackages(request.blueprint()),
                extraSources);
    }

    /**
     * Returns the blueprint's packages that the base can carry already, so the build VM, which runs them under
     * emulation at a fraction of the host's speed, finds them installed and only brings them up to date: those
     * asking for no particular version, when the blueprint adds no repository of its own that they could come from.
     */
    static List<String> bakedPackages(Blueprint blueprint) {
        if (!blueprint.customizations().repositories().isEmpty()) {
            return List.of();
        }
        return blueprint.packages().stream()
                .filter(p -> p.version() == null || p.version().isEmpty()
                        || PackageSpec.ANY_VERSION.equals(p.version()))
                .map(PackageSpec::name).sorted().distinct().toList();
    }

    /**
     * {@code base}: the cached base, made first when the cache has none for its content key: bootstrapped for Debian
     * and Ubuntu, prepared from the configured vendor cloud image for RPM distributions.
     */
    static BuildStep<BuildContext> obtainBase(Programs programs) {
        return step("base", ctx -> {
            // A base is in use for as long as a build may run, so none is removed under a running build's overlay.
            Duration inUse = ctx.settings.deadline().compareTo(BaseImageCache.MIN_IN_USE) > 0
                    ? ctx.settings.deadline() : BaseImageCache.MIN_IN_USE;
            BaseImageCache cache = new BaseImageCache(ctx.settings.baseCache(), ctx.settings.keepBases(), inUse,
                    Clock.systemUTC());
            Distro distro = distro(ctx.request);
            if (distro.family().scheme() == VersionScheme.DPKG) {
                DebianBootstrap bootstrap = new DebianBootstrap(programs, baseSpec(ctx.request),
                        ctx.request.mirrorState(), ctx.settings.bootstrapTimeout());
                ctx.base = cache.obtain(bootstrap.key(), bootstrap);
            } else {
                CloudImagePreparer preparer = new CloudImagePreparer(programs, vendorImage(ctx, distro),
                        ctx.settings.bootstrapTimeout());
                ctx.base = cache.obtain(preparer.key(), preparer);
            }
        }, ctx -> { });
    }

    /** Returns the vendor image configured for {@code distro}; fails saying how to configure one without it. */
    static VendorImage vendorImage(BuildContext ctx, Distro distro) throws NoVendorImageException {
        return ctx.settings.vendorImage(distro).orElseThrow(() -> new NoVendorImageException("image "
                + ctx.request.image() + " is " + distro + ", whose base is prepared from a vendor cloud image, and"
                + " none is configured for " + distro + ": add one to " + VENDOR_IMAGES_KEY + " (distro: " + distro
                + ", image: /absolute/path/to/the.qcow2, kernel-root: root=...)"
                + (ctx.settings.vendorImages().isEmpty() ? "" : "; it has images for " + String.join(", ",
                        ctx.settings.vendorImages().stream().map(v -> v.distro().toString()).toList()) + " only")));
    }

    /** {@code overlay}: a copy-on-write qcow2 overlay on the base's root disk, named after the build. */
    static BuildStep<BuildContext> overlay(Programs programs) {
        return step("overlay", ctx -> {
            ctx.overlay = ctx.scratch.resolve("build.qcow2");
            createOverlay(programs, ctx.base.root(), ctx.overlay, ctx.scratch);
        }, ctx -> deleteFile(ctx.overlay));
    }

    static void createOverlay(Programs programs, Path backing, Path overlay, Path workDir) throws Exception {
        programs.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", backing.toString(),
                overlay.toString()), workDir, QEMU_IMG_TIMEOUT).orThrow();
    }

    /** {@code provisioning-disk}: the blueprint's provisioning steps on a read-only ISO. */
    static BuildStep<BuildContext> provisioningDisk(Programs programs) {
        return step("provisioning-disk", ctx -> {
            ProvisioningPlan plan = GuestSources.prepend(ctx.request.guestSources(),
                    ProvisioningPlanner.plan(ctx.request.blueprint()));
            Path dir = ctx.scratch.resolve("provisioning");
            ProvisioningDisk.write(plan, dir);
            ctx.provisioningIso = new ProvisioningDisk(programs).makeIso(dir, ctx.scratch.resolve("provisioning.iso"));
            ImageBuild.deleteTree(dir);
        }, ctx -> {
            ImageBuild.deleteTree(ctx.scratch.resolve("provisioning"));
            deleteFile(ctx.provisioningIso);
        });
    }

    /** {@code host}: a build slot on a libvirt host, and whether it builds with kvm or qemu. */
    static BuildStep<BuildContext> acquireHost(dev.goldsmith.builders.libvirt.HostPool pool, KvmProbe probe) {
        return step("host", ctx -> {
            ctx.lease = pool.acquire();
            KvmProbe.Verdict verdict = probe.verdict(ctx.lease.host(), ctx.base.kernel(), ctx.base.initrd());
            ctx.domainType = verdict.type();
            ctx.domainTypeReason = verdict.reason();
        }, ctx -> {
            if (ctx.lease != null) {
                ctx.lease.close();
            }
        });
    }

    /** {@code build-vm}: the build VM runs the provisioning disk and powers off. */
    static BuildStep<BuildContext> buildVm() {
        return new GuestRun("build-vm", "build", ctx -> ctx.overlay, ctx -> ctx.provisioningIso,
                ctx -> ctx.buildConsole = ctx.scratch.resolve("build.console"),
                ctx -> ctx.settings.provisionTimeout());
    }

    /** {@code report}: the agent's report read from the build VM's console; a failed step fails the build. */
    static BuildStep<BuildContext> readReport() {
        return step("report", ctx -> {
            ConsoleReport report = ConsoleReport.read(ctx.buildConsole);
            ctx.report = report;
            if (!report.succeeded()) {
                throw new ProvisioningFailedException(report);
            }
        }, ctx -> { });
    }

    /**
     * {@code artifact}: the overlay flattened into a standalone qcow2 in a new version's directory, with its SHA-256
     * and size. Its cleanup discards the version's directory, artifact, manifest and all.
     */
    static BuildStep<BuildContext> flatten(Programs programs) {
        return step("artifact", ctx -> {
            allocateVersion(ctx);
            String file = ctx.request.image() + "-" + ctx.version + ".qcow2";
            Path partial = ctx.versionDir.resolve("." + file + ".partial");
            programs.run(List.of("qemu-img", "convert", "-O", "qcow2", ctx.overlay.toString(), partial.toString()),
                    ctx.scratch, QEMU_IMG_TIMEOUT).orThrow();
            ctx.artifact = Files.move(partial, ctx.versionDir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            ctx.sha256 = ImageBuild.sha256(ctx.artifact);
            ctx.size = Files.size(ctx.artifact);
        }, ctx -> {
            if (ctx.versionDir != null) {
                ImageBuild.deleteTree(ctx.versionDir);
            }
        });
    }

    /**
     * Creates the next version's directory, after every version in the artifacts directory and after the newest the
     * catalog holds; a concurrent build that took a number makes this one take the next.
     */
    static void allocateVersion(BuildContext ctx) throws IOException {
        allocateVersion(ctx, LocalDate.now(ZoneOffset.UTC));
    }

    static void allocateVersion(BuildContext ctx, LocalDate today) throws IOException {
        Path imageDir = Files.createDirectories(ctx.settings.artifactsDir().resolve(ctx.request.image()));
        ImageVersionId latest = latestVersion(imageDir);
        ImageVersionId catalogNewest = ctx.request.catalogNewest();
        if (catalogNewest != null && (latest == null || catalogNewest.compareTo(latest) > 0)) {
            // Artifacts pruned, or a new state directory: the catalog still has the ids, and a reused one is refused.
            latest = catalogNewest;
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            ImageVersionId next = ImageVersionId.next(latest, today);
            try {
                ctx.versionDir = Files.createDirectory(imageDir.resolve(next.toString()));
                ctx.version = next;
                return;
            } catch (FileAlreadyExistsException e) {
                latest = next;
            }
        }
        throw new IOException(imageDir + ": no free version number for today");
    }

    static ImageVersionId latestVersion(Path imageDir) throws IOException {
        try (Stream<Path> dirs = Files.list(imageDir)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("\\d{4}\\.\\d{2}\\.\\d{2}\\.\\d+"))
                    .map(ImageVersionId::parse).max(ImageVersionId::compareTo).orElse(null);
        }
    }

    /** {@code manifest}: manifest.json and lock.toml beside the artifact. */
    static BuildStep<BuildContext> writeManifest(String builderLabel) {
        return step("manifest", ctx -> {
            ctx.manifest = new Manifest(ctx.request.image(), ctx.version, ctx.request.blueprint().distro(),
                    ctx.request.blueprint().version(), ctx.report.installedPackages(),
                    new Manifest.Artifact(ctx.artifact.toString(), "qcow2", ctx.sha256, ctx.size),
                    builderLabel == null ? ctx.lease.host().name() : builderLabel, List.copyOf(ctx.timings),
                    ctx.request.triggers(), Instant.now());
            ctx.lock = PackageLock.of(ctx.manifest);
            Files.writeString(ctx.versionDir.resolve("manifest.json"), ctx.manifest.toJson());
            Files.writeString(ctx.versionDir.resolve("lock.toml"), ctx.lock.toToml());
        }, ctx -> { });
    }

    static void deleteFile(Path file) throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** A step's work or cleanup. */
    @FunctionalInterface
    interface Work {
        void apply(BuildContext ctx) throws Exception;
    }

    static BuildStep<BuildContext> step(String name, Work run, Work cleanup) {
        return new BuildStep<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(BuildContext ctx) throws Exception {
                run.apply(ctx);
            }

            @Override
            public void cleanup(BuildContext ctx) throws Exception {
                cleanup.apply(ctx);
            }
        };
    }

    /** An RPM distribution's build found no vendor cloud image configured for it. */
    static final class NoVendorImageException extends Exception {
        private static final long serialVersionUID = 1L;

        NoVendorImageException(String message) {
            super(message);
        }
    }

    /** The build VM's agent reported a failed step, or never finished. */
    static final class ProvisioningFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ConsoleReport report;

        ProvisioningFailedException(ConsoleReport report) {
            super(describe(report));
            this.report = report;
        }

        ConsoleReport report() {
            return report;
        }

        private static String describe(ConsoleReport report) {
            String text = "provisioning failed: " + report.describe();
            StepReport failed = report.failedStep().orElse(null);
            if (failed != null && !failed.output().isBlank()) {
                text += "\n--- last lines of step " + failed.step() + " (exit status " + failed.status() + ") ---\n"
                        + failed.output().strip();
            }
            return text;
        }
    }
}
