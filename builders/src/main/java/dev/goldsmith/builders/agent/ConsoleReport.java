package dev.goldsmith.builders.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.goldsmith.catalog.image.InstalledPackage;

/**
 * What the first-boot agent reported on a guest's serial console. The console also carries kernel and systemd
 * messages, possibly in the middle of the agent's lines, and the file may end in a partial line while the guest
 * is still writing; lines that cannot be read are counted, never guessed at.
 *
 * @param agentStarted     whether the agent's first line was seen
 * @param steps            each step the agent reported, in order
 * @param packages         the installed packages it listed
 * @param packagesComplete whether the package list's end marker was seen and its count matches what was read
 * @param done             the agent's last line, or null when it never got there
 * @param unreadableLines  agent lines that were cut or garbled
 */
public record ConsoleReport(boolean agentStarted, List<StepReport> steps, List<ReportedPackage> packages,
        boolean packagesComplete, AgentDone done, int unreadableLines) {

    public ConsoleReport {
        steps = List.copyOf(steps);
        packages = List.copyOf(packages);
    }

    /** Reads a console file; bytes that are not UTF-8 become replacement characters. */
    public static ConsoleReport read(Path consoleFile) throws IOException {
        return parse(new String(Files.readAllBytes(consoleFile), StandardCharsets.UTF_8));
    }

    /** Parses console text; a last line without its line end is still being written and is ignored. */
    public static ConsoleReport parse(String console) {
        return new ConsoleParser().parse(console);
    }

    /** Returns whether the agent reached its last line. */
    public boolean isDone() {
        return done != null;
    }

    /** Returns the step that failed, if one did. */
    public Optional<StepReport> failedStep() {
        return steps.stream().filter(s -> !s.succeeded()).findFirst();
    }

    /** Returns whether the agent finished, every step succeeded and the package list is complete. */
    public boolean succeeded() {
        return isDone() && done.status() == 0 && failedStep().isEmpty() && packagesComplete;
    }

    /** Returns the installed packages as a manifest records them. */
    public List<InstalledPackage> installedPackages() {
        return packages.stream().map(ReportedPackage::toInstalled).toList();
    }

    /** Returns one line saying how provisioning went, for logs and build failures. */
    public String describe() {
        if (!agentStarted) {
            return "the guest never reported: no line from the Goldsmith agent on its console";
        }
        Optional<StepReport> failed = failedStep();
        if (failed.isPresent()) {
            StepReport step = failed.get();
            String[] lines = step.output().strip().split("\n");
            return "step " + step.step() + " failed with exit status " + step.status()
                    + (step.output().isBlank() ? "" : ": " + lines[lines.length - 1]);
        }
        if (!isDone()) {
            String last = steps.isEmpty() ? "before its first step" : "after step " + steps.get(steps.size() - 1)
                    .step();
            return "the agent stopped reporting " + last;
        }
        if (done.error() != null) {
            return "the agent could not run: " + done.error();
        }
        if (done.status() != 0) {
            return "the agent ended with status " + done.status();
        }
        if (!packagesComplete) {
            return "the installed package list on the console is incomplete or garbled";
        }
        return "all " + steps.size() + " steps succeeded; " + packages.size() + " packages installed";
    }
}
