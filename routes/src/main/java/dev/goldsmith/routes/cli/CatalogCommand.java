package dev.goldsmith.routes.cli;

import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.StateChange;
import dev.goldsmith.catalog.state.VersionEntry;
import dev.goldsmith.catalog.store.CatalogLayout;
import dev.goldsmith.catalog.store.LoadedCatalog;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.config.ImageConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code goldsmith catalog}: shows what the catalog holds, as HEAD of the configured Git repository records it.
 * {@code list} gives one line per image, {@code show} one image in full. Both only read.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        subcommands = {CatalogCommand.ListImages.class, CatalogCommand.Show.class},
        description = "Shows the images of the catalog, their versions, states and channels.")
public class CatalogCommand implements Runnable {

    /** Exit code when the catalog was shown. */
    public static final int OK = 0;
    /** Exit code when the image asked for is not in the catalog, or the repository cannot be read. */
    public static final int NOT_FOUND = 1;
    /** Exit code when the configuration cannot be read; picocli uses it for usage errors too. */
    public static final int UNREADABLE = 2;

    /** The states whose versions are not live: nothing is built from them, and channels never point at them. */
    private static final Set<LifecycleState> DEAD = EnumSet.of(LifecycleState.RETIRED, LifecycleState.FAILED,
            LifecycleState.REVOKED);
    private static final double MIB = 1024.0 * 1024.0;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;

    /** Creates the command reading overrides from the process environment. */
    public CatalogCommand() {
        this(System.getenv());
    }

    CatalogCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Reports that a subcommand is needed. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: list or show");
    }

    /** {@code goldsmith catalog list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {
                "Prints one line per image: its newest version and that version's state, the channels and the"
                        + " versions they point at, and how many versions are live (neither failed, revoked nor"
                        + " retired). Configured images with nothing recorded yet are listed too.",
                "Files of the catalog that cannot be read are reported as warnings; the rest is listed."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {
                "0:the catalog was listed",
                "1:the Git repository cannot be read",
                "2:the configuration cannot be read, or the command line is wrong"})
    static final class ListImages implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private CatalogCommand parent;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
                description = "The configuration naming the Git repository (default: ${DEFAULT-VALUE}).")
        private Path config;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            GoldsmithConfig loaded = CatalogRepository.config(config, parent.env, err);
            if (loaded == null) {
                return UNREADABLE;
            }
            LoadedCatalog catalog;
            try {
                catalog = CatalogRepository.load(loaded.git().repository());
            } catch (IOException e) {
                err.println("cannot read the catalog in " + loaded.git().repository() + ": " + e.getMessage());
                err.flush();
                return NOT_FOUND;
            }
            CatalogRepository.warn(catalog, err);
            TreeSet<String> unrecorded = loaded.images().stream().map(ImageConfig::name)
                    .filter(name -> !catalog.entries().containsKey(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (catalog.entries().isEmpty() && unrecorded.isEmpty()) {
                out.println("the catalog in " + loaded.git().repository() + " holds no image yet");
            } else {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"IMAGE", "NEWEST", "STATE", "CHANNELS", "LIVE"});
                catalog.entries().values().forEach(entry -> rows.add(row(entry)));
                unrecorded.forEach(name -> rows.add(new String[] {name, "-", "-", "-", "nothing recorded yet"}));
                printTable(rows, out);
            }
            err.flush();
            out.flush();
            return OK;
        }

        private static String[] row(ImageEntry entry) {
            Optional<VersionEntry> newest = entry.newest();
            long live = entry.versions().stream().filter(v -> !DEAD.contains(v.state())).count();
            return new String[] {
                entry.image(),
                newest.map(v -> v.version().toString()).orElse("-"),
                newest.map(v -> lower(v.state())).orElse("-"),
                channels(entry),
                live + " of " + entry.versions().size() + " live"};
        }
    }

    /** {@code goldsmith catalog show IMAGE}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {
                "Prints one image: its channels; every version, newest first, with its state, since when, and the"
                        + " history of states that led there, each with its reason; and a summary of the newest"
                        + " built version's manifest (packages, artifact sha256 and size, what triggered the"
                        + " build)."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {
                "0:the image was shown",
                "1:the catalog has no such image, or the Git repository cannot be read",
                "2:the configuration cannot be read, or the command line is wrong"})
    static final class Show implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private CatalogCommand parent;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
                description = "The configuration naming the Git repository (default: ${DEFAULT-VALUE}).")
        private Path config;

        @Parameters(index = "0", paramLabel = "IMAGE", description = "The image, such as debian-12-minimal.")
        private String image;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                return show(out, err);
            } finally {
                err.flush();
                out.flush();
            }
        }

        private int show(PrintWriter out, PrintWriter err) {
            GoldsmithConfig loaded = CatalogRepository.config(config, parent.env, err);
            if (loaded == null) {
                return UNREADABLE;
            }
            Path repository = loaded.git().repository();
            try {
                LoadedCatalog catalog = CatalogRepository.load(repository);
                CatalogRepository.warn(catalog, err);
                Optional<ImageEntry> entry = catalog.entry(image);
                if (entry.isEmpty()) {
                    err.println(unknownImage(image, catalog, repository));
                    return NOT_FOUND;
                }
                print(entry.get(), out);
                // A build that failed left a version without a manifest: the newest that was built has one.
                Optional<VersionEntry> newest = entry.get().versions().stream()
                        .filter(v -> v.enteredAt(LifecycleState.BUILT) != null)
                        .max(Comparator.comparing(VersionEntry::version)).or(() -> entry.get().newest());
                if (newest.isPresent()) {
                    ImageVersionId version = newest.get().version();
                    Optional<Manifest> manifest = CatalogRepository.manifest(repository, catalog.commit(), image,
                            version);
                    out.println();
                    if (manifest.isPresent()) {
                        printManifest(manifest.get(), out);
                    } else {
                        out.println("newest manifest: none recorded for " + version + " (no "
                                + CatalogLayout.manifest(image, version) + ")");
                    }
                }
                return OK;
            } catch (IOException e) {
                err.println("cannot read the catalog in " + repository + ": " + e.getMessage());
                return NOT_FOUND;
            }
        }
    }

    /** Returns the message for an image the catalog does not hold, naming the ones it does. */
    static String unknownImage(String image, LoadedCatalog catalog, Path repository) {
        String known = catalog.entries().isEmpty() ? "it holds no image yet"
                : "it holds " + String.join(", ", catalog.entries().keySet());
        return "no image '" + image + "' in the catalog in " + repository + "; " + known;
    }

    private static void print(ImageEntry entry, PrintWriter out) {
        long live = entry.versions().stream().filter(v -> !DEAD.contains(v.state())).count();
        out.println(entry.image() + ": " + entry.versions().size() + (entry.versions().size() == 1 ? " version, "
                : " versions, ") + live + " live");
        out.println("channels: " + channels(entry));
        List<VersionEntry> newestFirst = new ArrayList<>(entry.versions());
        Collections.reverse(newestFirst);
        for (VersionEntry v : newestFirst) {
            out.println();
            StringBuilder head = new StringBuilder(v.version().toString()).append("  ").append(lower(v.state()))
                    .append(" since ").append(v.since());
            if (v.passedQa()) {
                head.append("  (QA passed ").append(v.qaPassed()).append(')');
            }
            List<String> pointing = entry.channels().entrySet().stream()
                    .filter(c -> c.getValue().equals(v.version())).map(Map.Entry::getKey).toList();
            if (!pointing.isEmpty()) {
                head.append("  [").append(String.join(", ", pointing)).append(']');
            }
            out.println(head);
            for (StateChange change : v.history()) {
                String move = (change.from() == null ? "" : lower(change.from()) + " ") + "-> " + lower(change.to());
                out.println("  " + change.at() + "  " + String.format("%-22s", move) + "  " + change.reason());
            }
        }
    }

    private static void printManifest(Manifest m, PrintWriter out) {
        out.println("newest manifest: " + m.version() + " (" + CatalogLayout.manifest(m.image(), m.version()) + ")");
        out.println("  built        " + m.builtAt() + " on " + m.builderHost() + ", " + m.distro() + ", blueprint "
                + m.blueprintVersion());
        out.println("  packages     " + m.packages().size());
        Manifest.Artifact a = m.artifact();
        out.println("  artifact     " + a.path() + " (" + a.format() + ", " + a.size() + " bytes, "
                + String.format(Locale.ROOT, "%.1f MiB", a.size() / MIB) + ")");
        out.println("  sha256       " + a.sha256());
        if (m.triggers().isEmpty()) {
            out.println("  triggers     none recorded");
        }
        for (Manifest.Trigger t : m.triggers()) {
            StringBuilder line = new StringBuilder("  trigger      ").append(t.packageName()).append(' ')
                    .append(t.installed() == null ? "(new)" : t.installed()).append(" -> ").append(t.available());
            List<String> ids = new ArrayList<>(t.advisories());
            ids.addAll(t.cves());
            if (!ids.isEmpty()) {
                line.append("  ").append(String.join(" ", ids));
            }
            if (t.note() != null && !t.note().isBlank()) {
                line.append("  (").append(t.note()).append(')');
            }
            out.println(line);
        }
    }

    /** Returns "stable -> 2026.12.03.1, latest -> 2026.12.04.1", or "none". */
    private static String channels(ImageEntry entry) {
        if (entry.channels().isEmpty()) {
            return "none";
        }
        return entry.channels().entrySet().stream().map(c -> c.getKey() + " -> " + c.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Prints rows with each column as wide as its widest cell, the last column unpadded. */
    private static void printTable(List<String[]> rows, PrintWriter out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String lower(LifecycleState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
