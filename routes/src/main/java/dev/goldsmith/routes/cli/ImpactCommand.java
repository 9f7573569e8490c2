package dev.goldsmith.routes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.catalog.impact.Change;
import dev.goldsmith.catalog.impact.ImageImpact;
import dev.goldsmith.catalog.impact.ImpactIndex;
import dev.goldsmith.catalog.store.LoadedCatalog;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.AdvisoryReader;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.feeds.KnownAdvisories;
import dev.goldsmith.routes.feeds.OfferedPackages;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Previews what an advisory or a new package version would make Goldsmith rebuild, changing nothing. */
@Command(name = "impact", mixinStandardHelpOptions = true,
        description = {
            "Prints which live image versions an advisory or a package version concerns, and why: each package"
                    + " with its installed version, the version a rebuild would move to (or 'waiting for fix'),"
                    + " the advisory ids, CVEs and severity.",
            "Reads the catalog from the Git repository and what the feeds last saw from the state directory;"
                    + " changes neither. Exits 0 after printing, 2 when an input cannot be read."
        })
final class ImpactCommand implements Callable<Integer> {

    /** Exit code when the preview was printed, whether or not anything would be rebuilt. */
    static final int OK = 0;
    /** Exit code when an input cannot be read: the configuration, the catalog, an advisory, a version. */
    static final int UNREADABLE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
            description = "The configuration naming the state directory and the Git repository"
                    + " (default: ${DEFAULT-VALUE}).")
    Path config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Fact fact;

    static final class Fact {
        @Option(names = "--advisory", paramLabel = "FILE_OR_ID",
                description = "An advisory file or directory (OSV, CSAF), or the id or CVE of an advisory a"
                        + " configured feed carried.")
        String advisory;

        @ArgGroup(exclusive = false)
        PackageFact packageFact;
    }

    static final class PackageFact {
        @Option(names = "--package", required = true, paramLabel = "NAME=VERSION",
                description = "A package version as if a watched repository had just published it.")
        String nameVersion;

        @Option(names = "--distro", paramLabel = "DISTRO",
                description = "The distribution release it is published for, such as debian-12 (default: every"
                        + " distribution a live image is built on).")
        String distro;
    }

    private final Map<String, String> env;

    /** Creates the command reading overrides from the process environment. */
    ImpactCommand() {
        this(System.getenv());
    }

    ImpactCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return preview(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int preview(PrintWriter out, PrintWriter err) {
        GoldsmithConfig loaded = CatalogRepository.config(config, env, err);
        if (loaded == null) {
            return UNREADABLE;
        }
        try {
            LoadedCatalog catalog = CatalogRepository.load(loaded.git().repository());
            CatalogRepository.warn(catalog, err);
            ImpactIndex index = catalog.impactIndex();
            Path feeds = loaded.stateDir().resolve("feeds");
            if (fact.advisory != null) {
                return previewAdvisory(fact.advisory, feeds, index, catalog.liveManifests(), out, err);
            }
            List<PackageData> published = published(fact.packageFact, catalog.liveManifests());
            if (published.isEmpty()) {
                out.println("package " + fact.packageFact.nameVersion + ": no live image version to check, and no"
                        + " --distro given; nothing would be rebuilt");
                return OK;
            }
            out.println("package " + fact.packageFact.nameVersion + " published for "
                    + String.join(", ", published.stream().map(PackageData::distribution).toList()));
            Summary summary = print(index.packagesPublished(published), null, catalog.liveManifests(), out);
            out.println();
            out.println(summary.text() + "; nothing was changed");
            return OK;
        } catch (IOException | FeedException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return UNREADABLE;
        }
    }

    private static int previewAdvisory(String fileOrId, Path feeds, ImpactIndex index, List<Manifest> live,
            PrintWriter out, PrintWriter err) throws IOException, FeedException {
        AvailableVersions available = new AvailableVersions();
        OfferedPackages.load(feeds, available).problems().forEach(p -> err.println("warning: " + p));
        List<AdvisoryData> advisories = advisories(fileOrId, feeds, err);
        if (advisories.isEmpty()) {
            err.println("no advisory '" + fileOrId + "': not a file, and no configured feed carried an advisory"
                    + " with that id or alias at its last poll (under " + feeds + ")");
            return UNREADABLE;
        }
        Set<String> rebuilt = new TreeSet<>();
        Set<String> waiting = new TreeSet<>();
        for (AdvisoryData advisory : advisories) {
            out.println(describe(advisory));
            Summary summary = print(index.advisory(advisory, available), advisory, live, out);
            rebuilt.addAll(summary.rebuilt());
            waiting.addAll(summary.waiting());
            out.println();
        }
        out.println(new Summary(rebuilt, waiting, live.size()).text() + "; nothing was changed");
        return OK;
    }

    private static List<AdvisoryData> advisories(String fileOrId, Path feeds, PrintWriter err)
            throws IOException, FeedException {
        Path file = Path.of(fileOrId);
        if (Files.exists(file)) {
            return new AdvisoryReader("preview").readAdvisories(file);
        }
        KnownAdvisories known = KnownAdvisories.load(feeds);
        known.problems().forEach(p -> err.println("warning: " + p));
        return known.find(fileOrId);
    }

    private static List<PackageData> published(PackageFact fact, List<Manifest> live) {
        int eq = fact.nameVersion.indexOf('=');
        if (eq <= 0 || eq == fact.nameVersion.length() - 1) {
            throw new IllegalArgumentException("--package wants NAME=VERSION, such as openssl=3.0.16-1~deb12u1; was '"
                    + fact.nameVersion + "'");
        }
        String name = fact.nameVersion.substring(0, eq);
        String version = fact.nameVersion.substring(eq + 1);
        TreeSet<String> distros = new TreeSet<>();
        if (fact.distro != null) {
            distros.add(fact.distro);
        } else {
            live.forEach(m -> distros.add(m.distro()));
        }
        List<PackageData> published = new ArrayList<>();
        for (String distro : distros) {
            ImpactIndex.schemeOf(distro).validate(version);
            published.add(new PackageData("preview", distro, name, version, "any", name, version, null));
        }
        return published;
    }

    private static String describe(AdvisoryData advisory) {
        List<String> cves = advisory.aliases().stream().filter(a -> a.startsWith("CVE-")).toList();
        return "advisory " + advisory.advisoryId() + (cves.isEmpty() ? "" : " (" + String.join(", ", cves) + ")")
                + ", severity " + advisory.severity().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The images a preview found: those a rebuild request would be made for (at least one package has its fix or
     * newer version on offer), and those that only wait for a fix.
     */
    private record Summary(Set<String> rebuilt, Set<String> waiting, int checked) {

        String text() {
            if (rebuilt.isEmpty() && waiting.isEmpty()) {
                return "no live image version is affected (" + checked + " checked); nothing would be rebuilt";
            }
            Set<String> onlyWaiting = new TreeSet<>(waiting);
            onlyWaiting.removeAll(rebuilt);
            return count(rebuilt.size(), "image") + " would be rebuilt"
                    + (onlyWaiting.isEmpty() ? "" : ", " + count(onlyWaiting.size(), "image") + " only wait"
                    + (onlyWaiting.size() == 1 ? "s" : "") + " for a fix");
        }
    }

    /**
     * Prints each affected image version with its changes: one whose changes all wait for a fix "waits for fix"; one
     * with a fix on offer for at least one package "would be rebuilt" (as the planner requests it), and the packages
     * still waiting are named.
     */
    private static Summary print(List<ImageImpact> impacts, AdvisoryData advisory, List<Manifest> live,
            PrintWriter out) {
        Set<String> rebuilt = new TreeSet<>();
        Set<String> waiting = new TreeSet<>();
        if (impacts.isEmpty()) {
            if (advisory != null) {
                out.println("  no live image version is affected (" + live.size() + " checked)");
            }
            return new Summary(rebuilt, waiting, live.size());
        }
        List<ImageImpact> sorted = new ArrayList<>(impacts);
        sorted.sort(Comparator.comparing((ImageImpact i) -> i.image().image()).thenComparing(i -> i.image().version()));
        for (ImageImpact impact : sorted) {
            long missing = impact.changes().stream().filter(c -> c.available() == null).count();
            String verdict;
            if (missing == impact.changes().size()) {
                verdict = "waiting for fix";
                waiting.add(impact.image().image());
            } else {
                verdict = "would be rebuilt" + (missing == 0 ? "" : "; " + missing + " of "
                        + impact.changes().size() + " packages still wait for a fix");
                rebuilt.add(impact.image().image());
            }
            out.println();
            out.println(impact.image().image() + " " + impact.image().version() + " (" + impact.image().distro()
                    + "): " + verdict);
            for (Change change : impact.changes()) {
                StringBuilder line = new StringBuilder("  ").append(change.packageName()).append(' ')
                        .append(change.installed()).append(" -> ");
                if (change.available() != null) {
                    line.append(change.available());
                } else {
                    String fixed = fixedVersion(advisory, impact.image(), change.packageName(), live);
                    line.append(fixed == null ? "(no fix named yet)" : "(fix " + fixed + " not offered yet)");
                }
                if (!change.advisories().isEmpty()) {
                    line.append("  ").append(String.join(" ", change.advisories()));
                }
                if (!change.cves().isEmpty()) {
                    line.append(' ').append(String.join(" ", change.cves()));
                }
                if (change.severity() != null) {
                    line.append(' ').append(change.severity().name().toLowerCase(Locale.ROOT));
                }
                out.println(line);
            }
        }
        return new Summary(rebuilt, waiting, live.size());
    }

    /** Returns the fixed version {@code advisory} names for an installed package, by binary or source name. */
    private static String fixedVersion(AdvisoryData advisory, ImpactIndex.ImageRef image, String packageName,
            List<Manifest> live) {
        if (advisory == null) {
            return null;
        }
        String source = live.stream().filter(m -> m.image().equals(image.image())
                        && m.version().equals(image.version()))
                .flatMap(m -> m.packages().stream()).filter(p -> p.name().equals(packageName))
                .map(InstalledPackage::source).findFirst().orElse(packageName);
        for (AdvisoryData.AffectedPackage affected : advisory.affected()) {
            if (affected.release().equals(image.distro()) && affected.fixed() != null
                    && (affected.packageName().equals(packageName) || affected.packageName().equals(source))) {
                return affected.fixed();
            }
        }
        return null;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
