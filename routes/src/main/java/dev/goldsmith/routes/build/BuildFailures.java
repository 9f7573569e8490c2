package dev.goldsmith.routes.build;

import java.time.Instant;
import java.util.List;

import dev.goldsmith.builders.agent.StepReport;
import dev.goldsmith.builders.build.BuildRequest;
import dev.goldsmith.builders.build.BuildResult;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.step.StepRunResult;
import dev.goldsmith.catalog.image.FailedBuild;

/**
 * Says what went wrong with a build that failed, in the terms the catalog records: the step, its exit status, a short
 * error and the output behind it. A provisioning step that failed inside the build VM speaks for itself (its exit
 * status and the last line it printed); otherwise the build step's own error does, with the exit status of the
 * program it ran when one exited non-zero.
 */
final class BuildFailures {

    private BuildFailures() {
    }

    /**
     * Returns the failed build {@code result} of {@code request} as the catalog records it.
     *
     * @param startedAt when the build started
     * @param failedAt  when it gave up
     * @throws IllegalArgumentException when the build did not fail
     */
    static FailedBuild of(BuildRequest request, BuildResult result, Instant startedAt, Instant failedAt) {
        if (result.built()) {
            throw new IllegalArgumentException("build " + result.buildId() + " of " + result.image()
                    + " did not fail");
        }
        StepRunResult run = result.run();
        String step = run.failedStep() == null ? "unknown" : run.failedStep();
        StepReport guest = result.failedGuestStep();
        String guestStep = null;
        Integer exitStatus;
        String error;
        String output;
        if (guest != null) {
            guestStep = guest.step();
            exitStatus = guest.status();
            output = guest.output();
            error = lastLine(output);
        } else {
            exitStatus = exitStatus(run.failure());
            String message = message(run);
            error = firstLine(message);
            output = message.contains("\n") ? message : "";
        }
        // A wall clock set back during the build must not make the failure unrecordable.
        Instant end = failedAt.isBefore(startedAt) ? startedAt : failedAt;
        return new FailedBuild(request.image(), result.buildId(), request.blueprint().version(), step, guestStep,
                exitStatus, error, output, request.triggers(), result.version(), startedAt, end,
                result.consoles() == null ? null : result.consoles().toString());
    }

    /** Returns why the run ended, without the step's name, which the catalog writes beside it. */
    private static String message(StepRunResult run) {
        Throwable failure = run.failure();
        return switch (run.outcome()) {
            case TIMED_OUT -> "the build's deadline passed";
            case CANCELLED -> "the build was cancelled";
            default -> failure == null ? run.describe()
                    : failure.getMessage() == null ? failure.toString() : failure.getMessage();
        };
    }

    /** Returns the exit status of the program behind {@code failure}, or null when no program exited non-zero. */
    private static Integer exitStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProgramException program && program.result() != null) {
                return program.result().exitCode();
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }
}
