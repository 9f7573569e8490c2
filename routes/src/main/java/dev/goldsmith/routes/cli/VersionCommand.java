package dev.goldsmith.routes.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the versions of Goldsmith and of the parts it is built on. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Prints the versions of Goldsmith, Camel, Kafka, JGit and Java.")
final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new VersionInfo().getVersion()) {
            out.println(line);
        }
        out.flush();
    }
}
