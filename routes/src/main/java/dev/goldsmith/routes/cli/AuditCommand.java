package dev.goldsmith.routes.cli;

import dev.goldsmith.catalog.audit.AuditCommit;
import dev.goldsmith.catalog.audit.AuditLog;
import dev.goldsmith.catalog.audit.CveAudit;
import dev.goldsmith.catalog.audit.ImageAudit;
import dev.goldsmith.catalog.store.CatalogLayout;
import dev.goldsmith.routes.config.GoldsmithConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code goldsmith audit IMAGE} and {@code goldsmith audit --cve CVE-ID}: answers audit questions from the Git
 * history alone (commit subjects, dates and trailers), never from files or Goldsmith's state, so that any clone of
 * the catalog's repository, bare or not, answers the same as the service's own. {@code --repo} names such a clone and
 * needs no configuration.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {
            "With IMAGE: lists every version of the image in the history, with what triggered its build, the"
                    + " advisories it fixes, its QA outcome, each transition with its date, reason and actor, and"
                    + " the channel moves.",
            "With --cve: lists the images the CVE affected, since when, which version fixed each, and when that"
                    + " version became stable.",
            "Reads only the Git history of the configured repository, or of --repo PATH."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the audit was printed",
            "1:the history names no such image, or the repository cannot be read",
            "2:the configuration cannot be read, or the command line is wrong"})
public final class AuditCommand implements Callable<Integer> {

    /** Exit code when the audit was printed. */
    public static final int OK = 0;
    /** Exit code when the history does not name the image, or the repository cannot be read. */
    public static final int NOT_FOUND = 1;
    /** Exit code when the configuration cannot be read; picocli uses it for usage errors too. */
    public static final int UNREADABLE = 2;

    private static final Pattern CVE = Pattern.compile("CVE-[0-9]{4}-[0-9]{4,}", Pattern.CASE_INSENSITIVE);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
            description = "The configuration naming the Git repository, when --repo is not given"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--repo", paramLabel = "PATH",
            description = "Any clone of the catalog's repository, bare or with a work tree; no configuration is read.")
    private Path repo;

    @Option(names = "--cve", paramLabel = "CVE-ID", description = "The CVE to audit, such as CVE-2024-12797.")
    private String cve;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "The image to audit.")
    private String image;

    private final Map<String, String> env;

    /** Creates the command reading overrides from the process environment. */
    public AuditCommand() {
        this(System.getenv());
    }

    AuditCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        if ((image == null) == (cve == null)) {
            throw new ParameterException(spec.commandLine(), "name either an IMAGE or --cve CVE-ID");
        }
        if (cve != null && !CVE.matcher(cve).matches()) {
            throw new ParameterException(spec.commandLine(), "--cve: '" + cve + "' is not a CVE id such as"
                    + " CVE-2024-12797");
        }
        if (image != null && CatalogLayout.imageNameProblem(image) != null) {
            throw new ParameterException(spec.commandLine(), "IMAGE: " + CatalogLayout.imageNameProblem(image));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return audit(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int audit(PrintWriter out, PrintWriter err) {
        Path repository = repo;
        if (repository == null) {
            GoldsmithConfig loaded = CatalogRepository.config(config, env, err);
            if (loaded == null) {
                return UNREADABLE;
            }
            repository = loaded.git().repository();
        }
        if (!CatalogRepository.exists(repository)) {
            err.println(repository + " is not a Git repository (no .git, and not a bare repository)");
            return NOT_FOUND;
        }
        List<AuditCommit> history;
        try {
            history = AuditLog.read(repository);
        } catch (IOException e) {
            err.println("cannot read the history of " + repository + ": " + e.getMessage());
            return NOT_FOUND;
        }
        if (cve != null) {
            out.print(CveAudit.of(cve.toUpperCase(Locale.ROOT), history).toText());
            return OK;
        }
        if (history.stream().noneMatch(c -> image.equals(c.value("Image")))) {
            TreeSet<String> known = history.stream().map(c -> c.value("Image")).filter(Objects::nonNull)
                    .collect(Collectors.toCollection(TreeSet::new));
            err.println("no commit in the history of " + repository + " names image '" + image + "'; "
                    + (known.isEmpty() ? "it names no image" : "it names " + String.join(", ", known)));
            return NOT_FOUND;
        }
        out.print(ImageAudit.of(image, history).toText());
        return OK;
    }
}
