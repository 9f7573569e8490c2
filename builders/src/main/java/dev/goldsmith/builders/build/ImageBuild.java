package dev.goldsmith.builders.build;

import dev.goldsmith.builders.agent.StepReport;
import dev.goldsmith.builders.libvirt.HostPool;
import dev.goldsmith.builders.libvirt.KvmProbe;
import dev.goldsmith.builders.libvirt.Leftovers;
import dev.goldsmith.builders.process.Programs;
import dev.goldsmith.builders.step.BuildStep;
import dev.goldsmith.builders.step.StepRunResult;
import dev.goldsmith.builders.step.StepRunner;
import dev.goldsmith.catalog.image.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one image and tests it, as an ordered list of steps:
 *
 * <ol>
 * <li>{@code base}: the base from the cache, made when its content key is new: bootstrapped for Debian and Ubuntu,
 * prepared from the configured vendor cloud image for RPM distributions;</li>
 * <li>{@code overlay}: a qcow2 overlay on it in this build's scratch directory;</li>
 * <li>{@code provisioning-disk}: the blueprint's provisioning steps on a read-only ISO;</li>
 * <li>{@code host}: a build slot on a libvirt host, and kvm or qemu as the KVM probe decides;</li>
 * <li>{@code build-vm}: the build VM boots, the agent runs the steps and powers it off, under a hard timeout;</li>
 * <li>{@code report}: the agent's report from the console; a failed step fails the build with its exit status and
 * output tail;</li>
 * <li>{@code artifact}: the overlay flattened into a standalone qcow2 in the new version's directory, with its
 * SHA-256 and size;</li>
 * <li>{@code manifest}: manifest.json and lock.toml beside it;</li>
 * <li>{@code qa-overlay}, {@code qa-disk}, {@code qa-vm}: a QA VM boots a fresh overlay on the artifact and runs
 * the image's QA suite (left out when the image has none);</li>
 * <li>{@code qa-results}: its results and the host checks, as qa.xml;</li>
 * <li>{@code scratch}: this build's scratch directory removed and its slot given back.</li>
 * </ol>
 *
 * <p>When a step fails, the build is cancelled or the deadline passes, every step that started cleans up in reverse
 * order: guests are destroyed, scratch files and the half-made version (artifact included) deleted, the slot given
 * back. Everything a build makes in scratch space is in {@code goldsmith-<image>-<build id>}, and its domains carry
 * Goldsmith's mark, so {@link Leftovers} removes what a killed build left.
 *
 * <p>The guests write nothing on the host but their console files and their own overlays; the blueprint reaches
 * them only as files on the provisioning disk, never a host shell or command line.
 */
public final class ImageBuild {

    private static final Logger LOG = LoggerFactory.getLogger(ImageBuild.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(30);

    private final Programs programs;
    private final HostPool pool;
    private final KvmProbe probe;
    private final BuildSettings settings;

    public ImageBuild(Programs programs, HostPool pool, KvmProbe probe, BuildSettings settings) {
        this.programs = Objects.requireNonNull(programs, "programs");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Returns a new build id: the UTC time and four random hex digits, such as {@code 20261203-101530-3fa9}. */
    public static String newBuildId() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(ID_TIME) + "-"
                + HexFormat.of().toHexDigits((short) RANDOM.nextInt(1 << 16));
    }

    /** Returns the scratch directory of build {@code buildId} of {@code image}. */
    public Path scratchOf(String image, String buildId) {
        return settings.scratchDir().resolve(Leftovers.SCRATCH_PREFIX + image.replaceAll("[^A-Za-z0-9._-]", "_")
                + "-" + buildId);
    }

    /** Builds and tests {@code request} now, under a new build id; never throws for a failed step. */
    public BuildResult run(BuildRequest request, BuildListener listener) throws IOException {
        return run(request, newBuildId(), listener);
    }

    /** Builds and tests {@code request} now under {@code buildId}; never throws for a failed step. */
    public BuildResult run(BuildRequest request, String buildId, BuildListener listener) throws IOException {
        Path scratch = Files.createDirectories(scratchOf(request.image(), buildId));
        Leftovers.claim(scratch);
        BuildContext ctx = new BuildContext(request, settings, buildId, scratch);
        LOG.info("image={} build={} started scratch={}", request.image(), buildId, scratch);
        StepRunResult run = null;
        try {
            run = new StepRunner(ctx.label(), settings.deadline(), INTERRUPT_GRACE).run(steps(ctx, listener), ctx);
        } finally {
            if (run == null || !run.succeeded()) {
                keepConsoles(ctx, settings.artifactsDir().resolve(request.image())
                        .resolve(ArtifactRetention.FAILED_BUILDS).resolve(buildId));
            }
            // Each step's cleanup removed its own files after a failure; this takes the directory itself.
            removeScratch(ctx);
        }
        BuildResult result = result(ctx, run);
        if (result.built()) {
            LOG.info("image={} build={} version={} result={} qa=\"{}\" sha256={} seconds={}", request.image(),
                    buildId, ctx.version, result.passed() ? "passed" : "qa-failed",
                    dev.goldsmith.builders.qa.JunitXml.summary(result.qaResults()), ctx.sha256,
                    seconds(result.total()));
        } else {
            LOG.warn("image={} build={} result=failed step={} reason=\"{}\" cleanup-failures={}", request.image(),
                    buildId, run.failedStep(), firstLine(run.describe()), run.cleanupFailures().size());
        }
        return result;
    }

    private List<BuildStep<BuildContext>> steps(BuildContext ctx, BuildListener listener) {
        List<BuildStep<BuildContext>> steps = new ArrayList<>(List.of(
                BuildSteps.obtainBase(programs),
                BuildSteps.overlay(programs),
                BuildSteps.provisioningDisk(programs),
                BuildSteps.acquireHost(pool, probe),
                BuildSteps.buildVm(),
                BuildSteps.readReport(),
                BuildSteps.flatten(programs),
                BuildSteps.writeManifest(null)));
        if (ctx.request.qaSuite() != null) {
            steps.add(QaSteps.overlay(programs));
            steps.add(QaSteps.disk(programs));
            steps.add(QaSteps.vm());
        }
        steps.add(QaSteps.results());
        steps.add(BuildSteps.step("scratch", c -> {
            keepConsoles(c, c.versionDir);
            removeScratch(c);
        }, c -> { }));
        return steps.stream().map(s -> tracked(s, listener)).toList();
    }

    /**
     * Copies the build and QA VMs' console files to {@code dir}: next to the artifact after a build, under
     * {@code failed-builds/<build>} after a failure, so what the guests printed outlives the scratch directory. The
     * context notes {@code dir} once it holds one.
     */
    private static void keepConsoles(BuildContext ctx, Path dir) {
        for (Path console : new Path[] {ctx.buildConsole, ctx.qaConsole}) {
            if (console == null || !Files.isRegularFile(console)) {
                continue;
            }
            try {
                Files.createDirectories(dir);
                Files.copy(console, dir.resolve(console.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                ctx.consoles = dir;
            } catch (IOException e) {
                LOG.warn("image={} build={} console={} not kept reason=\"{}\"", ctx.request.image(), ctx.buildId,
                        console, e.getMessage());
            }
        }
        if (ctx.consoles != null) {
            LOG.info("image={} build={} consoles kept in {}", ctx.request.image(), ctx.buildId, dir);
        }
    }

    /** Removes the build's scratch directory and gives its slot back; logs rather than fails. */
    private static void removeScratch(BuildContext ctx) {
        if (ctx.lease != null) {
            ctx.lease.close();
        }
        try {
            deleteTree(ctx.scratch);
        } catch (IOException e) {
            LOG.warn("image={} build={} scratch={} not removed; the next leftovers sweep takes it reason=\"{}\"",
                    ctx.request.image(), ctx.buildId, ctx.scratch, e.getMessage());
        }
    }

    private static BuildResult result(BuildContext ctx, StepRunResult run) {
        boolean built = run.succeeded();
        StepReport failedGuestStep = ctx.report == null ? null : ctx.report.failedStep().orElse(null);
        return new BuildResult(ctx.request.image(), ctx.buildId, run, built ? ctx.manifest : null,
                built ? ctx.lock : null, built ? ctx.versionDir : null,
                built && ctx.qaResults != null ? ctx.qaResults : List.of(), built ? ctx.junit : null, ctx.bootTime,
                failedGuestStep, ctx.domainType == null ? null
                        : ctx.domainType.xmlName() + ": " + ctx.domainTypeReason, ctx.version, ctx.consoles);
    }

    /** Wraps a step so the listener hears of it and its time is on record for the manifest. */
    private static BuildStep<BuildContext> tracked(BuildStep<BuildContext> step, BuildListener listener) {
        return new BuildStep<>() {
            @Override
            public String name() {
                return step.name();
            }

            @Override
            public void run(BuildContext ctx) throws Exception {
                listener.stepStarted(ctx.buildId, step.name());
                long start = System.nanoTime();
                boolean ok = false;
                try {
                    step.run(ctx);
                    ok = true;
                } finally {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    synchronized (ctx.timings) {
                        ctx.timings.add(new Manifest.Step(step.name(), took));
                    }
                    listener.stepEnded(ctx.buildId, step.name(), took, ok);
                }
            }

            @Override
            public void cleanup(BuildContext ctx) throws Exception {
                step.cleanup(ctx);
            }
        };
    }

    /** Returns the SHA-256 of a file, as lower-case hex. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** Deletes a file or a directory with everything in it, symbolic links without following them. */
    static void deleteTree(Path path) throws IOException {
        if (path != null) {
            Leftovers.deleteTree(path);
        }
    }

    static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
