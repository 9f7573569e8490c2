package dev.goldsmith.routes.cli;

import dev.goldsmith.routes.config.ConfigException;
import dev.goldsmith.routes.config.ConfigLoader;
import dev.goldsmith.routes.config.ConfigProblem;
import dev.goldsmith.routes.config.GoldsmithConfig;
import dev.goldsmith.routes.config.UnreadableConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code goldsmith config}: works with the configuration file. Its one subcommand, {@code check}, validates a file
 * the way {@code run} would and lists every problem.
 */
@Command(name = "config", mixinStandardHelpOptions = true, subcommands = ConfigCommand.Check.class,
        description = "Works with the Goldsmith configuration file.")
public class ConfigCommand implements Runnable {

    /** Exit code of {@code check} for a valid file. */
    public static final int OK = 0;
    /** Exit code of {@code check} for a file that was read and has problems. */
    public static final int PROBLEMS = 1;
    /** Exit code of {@code check} for a file that cannot be read at all; picocli uses it for usage errors too. */
    public static final int UNREADABLE = 2;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;

    /** Creates the command reading overrides and secrets from the process environment. */
    public ConfigCommand() {
        this(System.getenv());
    }

    /** Creates the command reading overrides and secrets from {@code env}. */
    public ConfigCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Reports that a subcommand is needed. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: check");
    }

    /** {@code goldsmith config check [FILE]}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {
                "Validates a configuration file, with GOLDSMITH_* environment overrides applied, and lists every"
                        + " problem found, one per line.",
                "Secrets are checked for presence; their values are never printed."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {
                "0:the file is valid",
                "1:the file has problems, printed on standard error",
                "2:the file cannot be read, or the command line is wrong"})
    static final class Check implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private ConfigCommand parent;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
                defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
                description = "The configuration file (default: ${DEFAULT-VALUE}).")
        private Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                GoldsmithConfig config = ConfigLoader.load(file, parent.env);
                out.println("OK: " + file);
                out.println(summary(config));
                out.flush();
                return OK;
            } catch (ConfigException e) {
                for (ConfigProblem problem : e.problems()) {
                    err.println(problem);
                }
                err.println(e.problems().size() == 1 ? "1 problem" : e.problems().size() + " problems");
                err.flush();
                return e instanceof UnreadableConfigException ? UNREADABLE : PROBLEMS;
            }
        }
    }

    /** Returns one line saying what a valid configuration holds. */
    static String summary(GoldsmithConfig config) {
        String eventBus = config.eventBus().embedded() ? "event bus embedded"
                : "event bus external (" + config.eventBus().bootstrapServers() + ")";
        return String.join(", ",
                count(config.feeds().size(), "feed"),
                count(config.images().size(), "image"),
                count(config.builders().size(), "builder"),
                count(config.qaSuites().size(), "QA suite"),
                count(config.subscriptions().size(), "subscription"),
                eventBus);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
