package dev.goldsmith.routes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code goldsmith} command line: each subcommand is one thing an operator does. */
@Command(name = "goldsmith", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Keeps golden VM images patched: watches package repositories and advisories, rebuilds the "
                + "affected images in disposable VMs, tests them, and promotes them by policy.",
        subcommands = {
            RunCommand.class,
            ConfigCommand.class,
            FeedsCommand.class,
            HostCommand.class,
            ImpactCommand.class,
            CatalogCommand.class,
            PromoteCommand.class,
            RevokeCommand.class,
            RetireCommand.class,
            AuditCommand.class,
            BuildCommand.class,
            VersionsCommand.class,
            VersionCommand.class,
        })
public final class GoldsmithCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Logs Goldsmith's debug trail and Kafka's and Camel's lifecycle messages.")
    void verbose(boolean verbose) {
        if (verbose) {
            Logging.verbose();
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see 'goldsmith --help'");
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        Logging.bridgeJul();
        return new CommandLine(new GoldsmithCommand()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
