package dev.goldsmith.routes.cli;

import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.policy.Decision;
import dev.goldsmith.catalog.policy.PolicyEngine;
import dev.goldsmith.catalog.policy.RefusedException;
import dev.goldsmith.catalog.state.ImageEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code goldsmith promote IMAGE VERSION --reason TEXT}: an operator promotes one image version. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {
            "Promotes a version under test that passed QA to stable, whatever the soak and after-qa policies say,"
                    + " and points the image's channels at it (approval channels excepted).",
            "The lifecycle is checked as for the policies; a refusal prints the reason and records nothing. The"
                    + " transition is one commit in the catalog's Git repository, its Actor trailer naming you."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the version is stable; the commit is made (and pushed, with a remote)",
            "1:refused, or the catalog has no such image or version; nothing is recorded",
            "2:the configuration cannot be read, or the command line is wrong"})
public final class PromoteCommand extends TransitionCommand {

    /** Creates the command for the user of the process environment, deciding at the system clock's time. */
    public PromoteCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    PromoteCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    Decision decide(PolicyEngine engine, ImageEntry entry, ImageVersionId version, String who, String reason,
            Instant now) throws RefusedException {
        return engine.promote(entry, version, who, reason, now);
    }
}
