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
import java.util.TreeSet;
import java.util.concurrent.Callable;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.catalog.impact.Change;
import dev.goldsmith.catalog.impact.ImageImpact;
import dev.goldsmith.catalog.impact.ImpactIndex;
import dev.goldsmith.catalog.store.CatalogLoader;
import dev.goldsmith.catalog.store.LoadedCatalog;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.advisory.AdvisoryReader;
import dev.goldsmith.routes.config.ConfigException;
import dev.goldsmith.routes.config.ConfigLoader;
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            GoldsmithConfig loaded = ConfigLoader.load(config, System.getenv());
            LoadedCatalog catalog = Files.exists(loaded.git().repository())
                    ? CatalogLoader.load(loaded.git().repository())
                    : new LoadedCatalog(null, Map.of(), List.of(), List.of());
            catalog.problems().forEach(p -> err.println("warning: " + p));
            ImpactIndex index = catalog.impactIndex();
            Path feeds = loaded.stateDir().resolve("feeds");
            List<ImageImpact> impacts;
            if (fact.advisory != null) {
                AvailableVersions available = new AvailableVersions();
                OfferedPackages.load(feeds, available).problems().forEach(p -> err.println("warning: " + p));
                List<AdvisoryData> advisories = advisories(fact.advisory, feeds);
                if (advisories.isEmpty()) {
                    err.println("no advisory '" + fact.advisory + "': not a file, and no configured feed carried"
                            + " an advisory with that id or alias at its last poll");
                    return 2;
                }
                impacts = new ArrayList<>();
                for (AdvisoryData advisory : advisories) {
                    out.println(describe(advisory));
                    impacts.addAll(index.advisory(advisory, available));
                }
            } else {
                List<PackageData> published = published(fact.packageFact, catalog.liveManifests());
                impacts = index.packagesPublished(published);
                out.println("package " + fact.packageFact.nameVersion + " published for "
                        + String.join(", ", published.stream().map(PackageData::distribution).toList()));
            }
            print(impacts, catalog.liveManifests().size(), out);
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return 2;
        } catch (IOException | FeedException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static List<AdvisoryData> advisories(String fileOrId, Path feeds) throws IOException, FeedException {
        Path file = Path.of(fileOrId);
        if (Files.exists(file)) {
            return new AdvisoryReader("preview").readAdvisories(file);
        }
        KnownAdvisories known = KnownAdvisories.load(feeds);
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

    private static void print(List<ImageImpact> impacts, int liveVersions, PrintWriter out) {
        if (impacts.isEmpty()) {
            out.println("no live image version is affected (" + liveVersions + " checked); nothing would be rebuilt");
            return;
        }
        List<ImageImpact> sorted = new ArrayList<>(impacts);
        sorted.sort(Comparator.comparing((ImageImpact i) -> i.image().image()).thenComparing(i -> i.image().version()));
        for (ImageImpact impact : sorted) {
            out.println();
            out.println(impact.image().image() + " " + impact.image().version() + " (" + impact.image().distro()
                    + "): " + (impact.waitingForFix() ? "waiting for fix" : "would be rebuilt"));
            for (Change change : impact.changes()) {
                StringBuilder line = new StringBuilder("  ").append(change.packageName()).append(' ')
                        .append(change.installed()).append(" -> ")
                        .append(change.available() == null ? "(no fix published yet)" : change.available());
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
        long rebuilt = sorted.stream().filter(i -> !i.waitingForFix()).map(i -> i.image().image()).distinct().count();
        out.println();
        out.println(rebuilt + " image(s) would be rebuilt; nothing was changed");
    }
}
