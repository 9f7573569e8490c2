package dev.goldsmith.routes.cli;

import dev.goldsmith.catalog.blueprint.Blueprint;
import dev.goldsmith.catalog.blueprint.BlueprintException;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.policy.Decision;
import dev.goldsmith.catalog.policy.PolicyEngine;
import dev.goldsmith.catalog.policy.RefusedException;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.store.CatalogLayout;
import dev.goldsmith.catalog.store.CatalogStore;
import dev.goldsmith.catalog.store.CatalogStoreException;
import dev.goldsmith.catalog.store.GitRemote;
import dev.goldsmith.catalog.store.GitStore;
import dev.goldsmith.catalog.store.PushResult;
import dev.goldsmith.catalog.store.SigningKey;
import dev.goldsmith.catalog.store.SigningKeyException;
import dev.goldsmith.routes.config.GitConfig;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.config.ImageConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code goldsmith promote}, {@code revoke} and {@code retire} share: an operator moves one image version through
 * its lifecycle. The {@link PolicyEngine} decides, with the same lifecycle checks the policies pass; the store records
 * the transition and the channels it moved as one commit whose {@code Actor} trailer names the operator
 * ({@code operator $USER}). The store is opened as the service opens it, with the configured remote and signing key;
 * with a remote, the clone is brought up to date before deciding, and the commit is pushed after it. A push that
 * fails leaves the commit queued in the clone, where the service's next push sends it.
 *
 * <p>Each subclass names one verb and asks the engine for it; a refusal changes nothing.
 */
abstract class TransitionCommand implements Callable<Integer> {

    /** Exit code when the transition was recorded. */
    static final int OK = 0;
    /** Exit code when the transition was refused, or could not be recorded; the reason is printed. */
    static final int REFUSED = 1;
    /** Exit code when the configuration cannot be read or used; picocli uses it for usage errors too. */
    static final int UNREADABLE = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
            description = "The configuration naming the Git repository, its remote and signing key, and the policies"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image, such as debian-12-minimal.")
    private String image;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The image version, such as 2026.12.03.1.")
    private String version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "Why, in one line; it goes into the version's history and the commit subject.")
    private String reason;

    private final Map<String, String> env;
    private final Clock clock;

    TransitionCommand(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /** Asks the engine for this command's transition; a refusal says why in words an operator reads. */
    abstract Decision decide(PolicyEngine engine, ImageEntry entry, ImageVersionId version, String who,
            String reason, Instant now) throws RefusedException;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return transition(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int transition(PrintWriter out, PrintWriter err) {
        String nameProblem = CatalogLayout.imageNameProblem(image);
        if (nameProblem != null) {
            err.println("IMAGE: " + nameProblem);
            return UNREADABLE;
        }
        ImageVersionId id;
        try {
            id = ImageVersionId.parse(version);
        } catch (IllegalArgumentException e) {
            err.println("VERSION: " + e.getMessage());
            return UNREADABLE;
        }
        GoldsmithConfig loaded = CatalogRepository.config(config, env, err);
        if (loaded == null) {
            return UNREADABLE;
        }
        GitConfig git = loaded.git();
        GitRemote remote = git.gitRemote();
        if (remote == null && !CatalogRepository.exists(git.repository())) {
            err.println("no catalog in " + git.repository() + ": nothing has been recorded there yet");
            return REFUSED;
        }
        SigningKey key;
        try {
            key = git.signingKey() == null ? null : git.signingKey().toSigningKey();
        } catch (IllegalStateException e) {
            err.println(loaded.source() + ": git.signing-key.passphrase: " + e.getMessage());
            return UNREADABLE;
        }
        try (GitStore store = GitStore.open(git.repository(), git.branch(), git.authorName(), git.authorEmail(),
                remote, key)) {
            if (remote != null) {
                catchUp(store, remote, err);
            }
            return record(new CatalogStore(store), loaded, id, out, err, remote == null ? null : store);
        } catch (SigningKeyException e) {
            err.println(loaded.source() + ": git.signing-key: " + e.getMessage());
            return UNREADABLE;
        } catch (IOException e) {
            err.println("cannot record the transition in " + git.repository() + ": " + e.getMessage());
            return REFUSED;
        }
    }

    /** Brings the clone up to date with the remote, so the decision starts from what the other writers recorded. */
    private static void catchUp(GitStore store, GitRemote remote, PrintWriter err) {
        try {
            store.push();
        } catch (IOException e) {
            err.println("warning: could not bring the catalog up to date with " + remote.safeUrl() + ": "
                    + e.getMessage() + "; deciding on the local history");
        }
    }

    private int record(CatalogStore store, GoldsmithConfig loaded, ImageVersionId id, PrintWriter out,
            PrintWriter err, GitStore pushTo) throws IOException {
        Optional<ImageEntry> entry = store.entry(image);
        if (entry.isEmpty()) {
            err.println(CatalogCommand.unknownImage(image, CatalogRepository.load(loaded.git().repository()),
                    loaded.git().repository()));
            return REFUSED;
        }
        List<String> channels;
        try {
            channels = channelsOf(image, loaded, store);
        } catch (BlueprintException | CatalogStoreException e) {
            err.println("cannot read the blueprint of " + image + " for its channels: " + e.getMessage());
            return UNREADABLE;
        }
        PolicyEngine engine = new PolicyEngine(loaded.policies().toPolicies(),
                name -> name.equals(image) ? channels : PolicyEngine.DEFAULT_CHANNELS);
        String who = CatalogRepository.user(env);
        Decision decision;
        try {
            decision = decide(engine, entry.get(), id, who, reason, clock.instant());
        } catch (RefusedException e) {
            err.println("refused: " + e.getMessage());
            return REFUSED;
        }
        if (decision.moved().isEmpty()) {
            out.println(image + " " + id + ": " + decision.explanation() + "; nothing to record");
            return OK;
        }
        RevCommit commit;
        try {
            commit = store.recordTransition(decision.moved().get(), "operator " + who);
        } catch (CatalogStoreException e) {
            err.println("refused: " + e.getMessage());
            return REFUSED;
        }
        out.println(image + " " + decision.explanation());
        for (ChannelChange change : decision.channelChanges()) {
            out.println("  channel " + change.channel() + ": " + orNone(change.previousVersion()) + " -> "
                    + orNone(change.newVersion()));
        }
        out.println("committed " + commit.abbreviate(10).name() + " " + commit.getShortMessage());
        if (pushTo != null) {
            push(pushTo, loaded.git().gitRemote(), out, err);
        }
        return OK;
    }

    private static void push(GitStore store, GitRemote remote, PrintWriter out, PrintWriter err) {
        try {
            PushResult pushed = store.push();
            List<String> tags = pushed.tags().stream().map(t -> t.startsWith(Constants.R_TAGS)
                    ? t.substring(Constants.R_TAGS.length()) : t).toList();
            out.println("pushed to " + remote.safeUrl() + " (" + pushed.commits() + " commit"
                    + (pushed.commits() == 1 ? "" : "s") + (tags.isEmpty() ? "" : ", tags " + String.join(", ", tags))
                    + ")");
        } catch (IOException e) {
            // A rebase conflict is a push failure too: nothing local is lost, the commit waits in the queue.
            err.println("warning: the commit is recorded in " + store.workTree() + " but not pushed: "
                    + e.getMessage() + "; the service's next push sends it");
        }
    }

    /**
     * Returns the channels {@code image} publishes to: those of its configured blueprint, or else of the blueprint
     * last committed, as the service publishes them.
     */
    private static List<String> channelsOf(String image, GoldsmithConfig loaded, CatalogStore store)
            throws IOException, BlueprintException, CatalogStoreException {
        Optional<Path> configured = loaded.images().stream().filter(i -> i.name().equals(image))
                .map(ImageConfig::blueprint).findFirst();
        Optional<Blueprint> blueprint = configured.isPresent() ? Optional.of(BlueprintReader.read(configured.get()))
                : store.blueprint(image);
        return blueprint.map(PolicyEngine::channelsOf).orElse(PolicyEngine.DEFAULT_CHANNELS);
    }

    private static String orNone(String version) {
        return version == null ? "none" : version;
    }
}
