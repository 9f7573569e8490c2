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

/** {@code goldsmith revoke IMAGE VERSION --reason TEXT}: an operator revokes one image version. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {
            "Revokes a version (testing, stable or deprecated): nothing may use it any more. Channels that"
                    + " pointed at it move to the newest other stable version, or point at none.",
            "The lifecycle is checked as for the policies; a refusal prints the reason and records nothing. The"
                    + " transition is one commit in the catalog's Git repository, its Actor trailer naming you."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the version is revoked; the commit is made (and pushed, with a remote)",
            "1:refused, or the catalog has no such image or version; nothing is recorded",
            "2:the configuration cannot be read, or the command line is wrong"})
public final class RevokeCommand extends TransitionCommand {

    /** Creates the command for the user of the process environment, deciding at the system clock's time. */
    public RevokeCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    RevokeCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    Decision decide(PolicyEngine engine, ImageEntry entry, ImageVersionId version, String who, String reason,
            Instant now) throws RefusedException {
        return engine.revoke(entry, version, who, reason, now);
    }
}
