package dev.goldsmith.routes.cli;

import dev.goldsmith.builders.build.BuildListener;
import dev.goldsmith.builders.build.BuildRequest;
import dev.goldsmith.builders.build.BuildResult;
import dev.goldsmith.builders.build.BuildSettings;
import dev.goldsmith.builders.build.ImageBuild;
import dev.goldsmith.builders.libvirt.HostPool;
import dev.goldsmith.builders.libvirt.KvmProbe;
import dev.goldsmith.builders.libvirt.KvmVerdictFile;
import dev.goldsmith.builders.libvirt.LibvirtHost;
import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.qa.CheckResult;
import dev.goldsmith.builders.qa.JunitXml;
import dev.goldsmith.builders.qa.QaSuite;
import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.BlueprintException;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.blueprint.PackageSpec;
import dev.goldsmith.catalog.event.Events;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.routes.build.BuildFeature;
import dev.goldsmith.routes.build.RebuildDesk;
import dev.goldsmith.routes.catalog.CatalogFeature;
import dev.goldsmith.routes.build.BuildInputs;
import dev.goldsmith.routes.build.BuildSources;
import dev.goldsmith.routes.config.BuildConfig;
import dev.goldsmith.routes.config.ConfigException;
import dev.goldsmith.routes.config.ConfigLoader;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.config.ImageConfig;
import dev.goldsmith.routes.feeds.KnownAdvisories;
import dev.goldsmith.routes.feeds.OfferedPackages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code goldsmith build IMAGE}: builds one configured image now, in a throwaway VM on the configured libvirt host,
 * tests it in a second one, and prints the artifact, its SHA-256, a summary of its manifest and the QA results.
 * Leftovers of earlier builds that were killed are removed first.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Builds one image now from its blueprint and tests it with its QA suite, each in a throwaway VM through"
                    + " libvirt, showing each step as it ends.",
            "The base comes from the host's APT sources (an RPM distribution's from its build.vendor-images entry)"
                    + " and is cached by content in build.base-cache (or --base-cache); artifacts go to"
                    + " <state-dir>/artifacts/IMAGE/VERSION/ with manifest.json, lock.toml and qa.xml."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the image was built and passed QA",
            "1:the build or QA failed; the reason is printed",
            "2:the configuration, blueprint or QA suite cannot be read, or the command line is wrong"})
public final class BuildCommand implements Callable<Integer> {

    /** Exit code when the image was built and every QA check passed. */
    public static final int PASSED = 0;
    /** Exit code when the build or its QA failed. */
    public static final int FAILED = 1;
    /** Exit code when the inputs cannot be read. */
    public static final int UNREADABLE = 2;

    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(15);
    private static final int NOTABLE = 6;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to build, as `images` names it.")
    private String image;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "built on request",
            description = "Why it is built, recorded in the manifest (default: ${DEFAULT-VALUE}).")
    private String reason;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--base-cache", paramLabel = "DIR",
            description = "Where base images are cached, outside the checkout (default: build.base-cache in the"
                    + " configuration, /var/cache/goldsmith/bases unless set there).")
    private Path baseCache;

    private final Map<String, String> env;

    /** Creates the command reading overrides from the process environment. */
    public BuildCommand() {
        this(System.getenv());
    }

    BuildCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs inputs;
        try {
            inputs = inputs(err);
        } catch (InputException e) {
            err.println(e.getMessage());
            err.flush();
            return UNREADABLE;
        }
        if (inputs == null) {
            return UNREADABLE;
        }
        GoldsmithConfig loaded = inputs.config;
        BuildConfig build = baseCache == null ? loaded.build() : loaded.build().withBaseCache(baseCache);
        BuildSettings settings = build.settings(loaded.stateDir());
        Files.createDirectories(settings.scratchDir());
        BuildSources sources;
        try {
            sources = BuildInputs.sources(inputs.blueprint, BuildSources.fromHost());
        } catch (IOException | FeedException | IllegalArgumentException e) {
            err.println("image " + image + ": cannot work out the mirror to build from: " + e.getMessage());
            err.flush();
            return FAILED;
        }
        Path feedsDir = loaded.stateDir().resolve("feeds");
        AvailableVersions available = new AvailableVersions();
        OfferedPackages.load(feedsDir, available);
        KnownAdvisories advisories = KnownAdvisories.load(feedsDir);

        List<LibvirtHost> hosts = loaded.builders().stream()
                .map(b -> new LibvirtHost(b.name(), b.uri(), b.capacity())).toList();
        try (HostPool pool = new HostPool(hosts)) {
            BuildFeature.sweep(pool, settings).forEach(line -> out.println("leftovers: " + line));
            out.flush();
            BuildRequest request = new BuildRequest(image, inputs.blueprint, inputs.suite, sources.mirror(),
                    sources.mirrorState(), sources.guestLines(),
                    List.of(new Manifest.Trigger(null, null, null, List.of(), List.of(), reason)), advisories.all(),
                    available, inputs.catalogNewest);
            KvmProbe probe = new KvmProbe(Path.of("/dev/kvm"), settings.scratchDir(), PROBE_DEADLINE,
                    KvmVerdictFile.under(loaded.stateDir()), KvmVerdictFile.MAX_AGE);
            String buildId = ImageBuild.newBuildId();
            out.printf("building %s (build %s) from blueprint %s %s on %s%n", image, buildId,
                    inputs.blueprint.name(), inputs.blueprint.version(),
                    String.join(", ", hosts.stream().map(LibvirtHost::name).toList()));
            out.flush();
            Instant started = Instant.now();
            ImageBuild builder = new ImageBuild(new LocalPrograms(), pool, probe, settings);
            BuildResult result = builder.run(request, buildId, new Progress(out));
            print(result, inputs.blueprint, out, err);
            record(loaded, builder, request, result, started, out, err);
            return result.passed() ? PASSED : FAILED;
        }
    }

    /**
     * Commits the build and its QA run to the catalog's Git repository, as the service does, so the image is live
     * for the planner; the promote policy decides its state. A build that failed is committed as a failed version,
     * so the history shows it. Nothing is published: there is no event bus here.
     */
    private void record(GoldsmithConfig loaded, ImageBuild builder, BuildRequest request, BuildResult result,
            Instant started, PrintWriter out, PrintWriter err) {
        Clock clock = Clock.systemUTC();
        CatalogFeature catalog = new CatalogFeature(loaded.git(), loaded.images(), loaded.policies(), clock);
        try (GitStore store = catalog.open(null)) {
            ImageVersionId version = new RebuildDesk(loaded, builder, catalog, null,
                    new Events(Events.componentSource("build"), clock), clock).record(request, result, started);
            out.println("catalog   " + image + " " + version + " is "
                    + catalog.live().entry(image).flatMap(e -> e.version(version)).map(v -> v.state().name()
                            .toLowerCase(Locale.ROOT)).orElse("unknown") + " in " + loaded.git().repository());
        } catch (Exception e) {
            err.println("the build was not recorded in the catalog: " + e.getMessage());
        }
        out.flush();
        err.flush();
    }

    /**
     * The configuration, the image's blueprint, its QA suite and the newest version the catalog holds for it (null
     * when none).
     */
    private record Inputs(GoldsmithConfig config, Blueprint blueprint, QaSuite suite, ImageVersionId catalogNewest) {
    }

    /** An input that cannot be read, with the message that says which and why. */
    private static final class InputException extends Exception {
        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message);
        }
    }

    private Inputs inputs(PrintWriter err) throws InputException {
        GoldsmithConfig loaded;
        try {
            loaded = ConfigLoader.load(config, env);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return null;
        }
        ImageConfig imageConfig = loaded.images().stream().filter(i -> i.name().equals(image)).findFirst()
                .orElseThrow(() -> new InputException("image '" + image + "' is not configured in " + loaded.source()
                        + "; images: " + String.join(", ", loaded.images().stream().map(ImageConfig::name).toList())));
        Blueprint blueprint;
        try {
            blueprint = BlueprintReader.read(imageConfig.blueprint());
        } catch (BlueprintException e) {
            throw new InputException(e.getMessage());
        }
        try {
            Blueprint newest = BuildInputs.newestBlueprint(loaded.git(), blueprint);
            return new Inputs(loaded, newest, BuildInputs.qaSuite(loaded, newest),
                    BuildInputs.catalogNewest(loaded.git(), image));
        } catch (IOException e) {
            throw new InputException(e.getMessage());
        }
    }

    private void print(BuildResult result, Blueprint blueprint, PrintWriter out, PrintWriter err) {
        if (result.domainType() != null) {
            out.println("domain type " + result.domainType());
        }
        if (!result.built()) {
            err.println("build of " + image + " failed: " + result.run().describe());
            result.run().cleanupFailures().forEach(line -> err.println("  cleanup failed: " + line));
            err.flush();
            out.println("steps     " + steps(result));
            if (result.consoles() != null) {
                out.println("consoles  " + result.consoles());
            }
            out.flush();
            return;
        }
        Manifest manifest = result.manifest();
        out.println("version   " + manifest.version());
        out.println("artifact  " + manifest.artifact().path());
        out.println("sha256    " + manifest.artifact().sha256());
        out.println("size      " + mib(manifest.artifact().size()));
        out.println("packages  " + manifest.packages().size() + " installed; " + notable(manifest, blueprint));
        out.println("manifest  " + result.versionDir().resolve("manifest.json"));
        out.println("steps     " + steps(result));
        if (result.bootTime() != null) {
            out.printf(Locale.ROOT, "boot      %.1f s in the QA VM%n", result.bootTime().toMillis() / 1000.0);
        }
        out.println("qa        " + JunitXml.summary(result.qaResults()));
        for (CheckResult check : result.qaResults()) {
            out.println("  " + (check.passed() ? "PASS " : "FAIL ") + check.name() + ": " + check.detail());
        }
        if (result.junit() != null) {
            out.println("qa.xml    " + result.junit());
        }
        out.println(result.passed() ? "passed" : "QA failed");
        out.flush();
    }

    /** Returns the versions of the blueprint's own packages, the kernel and a few the whole system rests on. */
    static String notable(Manifest manifest, Blueprint blueprint) {
        Set<String> names = new LinkedHashSet<>();
        blueprint.packages().stream().map(PackageSpec::name).forEach(names::add);
        List<String> shown = new ArrayList<>();
        Map<String, String> versions = manifest.versionsByName();
        for (String name : names) {
            Optional.ofNullable(versions.get(name)).ifPresent(v -> shown.add(name + " " + v));
        }
        for (InstalledPackage p : manifest.packages()) {
            if (p.name().startsWith("linux-image-") && !p.name().equals("linux-image-amd64")
                    || List.of("systemd", "libc6", "libssl3", "openssl").contains(p.name())) {
                if (shown.size() < names.size() + NOTABLE) {
                    shown.add(p.name() + " " + p.version());
                }
            }
        }
        return String.join(", ", shown);
    }

    private static String steps(BuildResult result) {
        StringBuilder text = new StringBuilder();
        for (Manifest.Step step : result.run().steps()) {
            text.append(step.name()).append(' ').append(seconds(step.duration())).append(", ");
        }
        return text.append("total ").append(seconds(result.total())).toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (1024.0 * 1024.0), bytes);
    }

    /** Prints each step as it ends. */
    private static final class Progress implements BuildListener {
        private final PrintWriter out;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void stepStarted(String buildId, String step) {
            out.printf("  %-18s ...%n", step);
            out.flush();
        }

        @Override
        public void stepEnded(String buildId, String step, Duration took, boolean succeeded) {
            out.printf("  %-18s %s %s%n", step, succeeded ? "done  " : "FAILED", seconds(took));
            out.flush();
        }
    }
}
