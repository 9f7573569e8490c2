package dev.goldsmith.routes.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.goldsmith.builders.agent.StepReport;
import dev.goldsmith.builders.build.BuildRequest;
import dev.goldsmith.builders.build.BuildResult;
import dev.goldsmith.builders.process.ProgramException;
import dev.goldsmith.builders.process.ProgramResult;
import dev.goldsmith.builders.step.StepOutcome;
import dev.goldsmith.builders.step.StepRunResult;
import dev.goldsmith.catalog.blueprint.BlueprintReader;
import dev.goldsmith.catalog.image.FailedBuild;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import org.junit.jupiter.api.Test;

class BuildFailuresTest {

    private static final Instant STARTED = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant FAILED = Instant.parse("2026-12-05T10:09:00Z");
    private static final Manifest.Trigger TRIGGER = new Manifest.Trigger("hello", "2.10-2", "2.10-3",
            List.of("DSA-9999-1"), List.of("CVE-2026-11111"), null);
    private static final Path CONSOLES = Path.of("/state/artifacts/tiny/failed-builds/b-1");

    /** One way a build fails, what the catalog should record of it, and why. */
    private record Case(String reason, StepRunResult run, StepReport guest, String step, String guestStep,
            Integer exitStatus, String error, String output) {
    }

    @Test
    void eachWayABuildFailsIsToldByItsStepExitStatusAndError() throws Exception {
        ProgramException qemuImg = new ProgramException(new ProgramResult(List.of("qemu-img", "convert"), 1, "",
                "qemu-img: error while writing\n", Duration.ofSeconds(1)));
        List<Case> cases = List.of(
                new Case("a provisioning step speaks for itself: its status and the last line it printed",
                        failed("report", new IOException("provisioning failed: step packages failed")),
                        new StepReport("packages", 100, 7, "Reading package lists...\nE: Unable to locate package"
                                + " hello\n\n"), "report", "packages", 100, "E: Unable to locate package hello",
                        "Reading package lists...\nE: Unable to locate package hello\n\n"),
                new Case("a program on the host gives its exit status",
                        failed("artifact", qemuImg), null, "artifact", null, 1,
                        "qemu-img exited with status 1: qemu-img: error while writing", ""),
                new Case("a program's exit status is found behind the exception that wraps it",
                        failed("overlay", new IllegalStateException("overlay not made", qemuImg)), null, "overlay",
                        null, 1, "overlay not made", ""),
                new Case("a lost host has no exit status; its message's other lines are the output",
                        failed("build-vm", new IOException("libvirt host test was lost\nconnection reset by peer")),
                        null, "build-vm", null, null, "libvirt host test was lost",
                        "libvirt host test was lost\nconnection reset by peer"),
                new Case("a deadline is not an error of the step",
                        new StepRunResult(StepOutcome.TIMED_OUT, List.of(), "build-vm", null, List.of()), null,
                        "build-vm", null, null, "the build's deadline passed", ""),
                new Case("a cancelled build says so",
                        new StepRunResult(StepOutcome.CANCELLED, List.of(), "qa-vm", null, List.of()), null,
                        "qa-vm", null, null, "the build was cancelled", ""));

        for (Case c : cases) {
            FailedBuild failed = BuildFailures.of(request(), result(c.run(), c.guest()), STARTED, FAILED);

            assertEquals(List.of(c.step(), String.valueOf(c.guestStep()), String.valueOf(c.exitStatus()), c.error(),
                    c.output()), List.of(failed.step(), String.valueOf(failed.guestStep()),
                    String.valueOf(failed.exitStatus()), failed.error(), failed.output()), c.reason());
        }
    }

    @Test
    void failureCarriesWhatTheBuildWasForTheIdItTookAndWhereItsConsolesAre() throws Exception {
        FailedBuild failed = BuildFailures.of(request(), result(failed("qa-vm", new IOException("QA VM silent")),
                null), STARTED, FAILED);

        assertEquals(new FailedBuild("tiny", "b-1", "1.0.4", "qa-vm", null, null, "QA VM silent", "",
                List.of(TRIGGER), ImageVersionId.parse("2026.12.05.2"), STARTED, FAILED, CONSOLES.toString()),
                failed);
    }

    @Test
    void buildThatDidNotFailIsRefused() throws Exception {
        Manifest manifest = new Manifest("tiny", ImageVersionId.parse("2026.12.05.2"), "debian-12", "1.0.4",
                List.of(), new Manifest.Artifact("/a.qcow2", "qcow2", "0".repeat(64), 1), "test", List.of(),
                List.of(TRIGGER), FAILED);
        BuildResult built = new BuildResult("tiny", "b-1", new StepRunResult(StepOutcome.SUCCEEDED, List.of(), null,
                null, List.of()), manifest, null, Path.of("/a"), List.of(), null, null, null, null,
                manifest.version(), null);

        assertThrows(IllegalArgumentException.class, () -> BuildFailures.of(request(), built, STARTED, FAILED));
    }

    private static StepRunResult failed(String step, Throwable why) {
        return new StepRunResult(StepOutcome.FAILED, List.of(new Manifest.Step(step, Duration.ofSeconds(3))), step,
                why, List.of());
    }

    private static BuildResult result(StepRunResult run, StepReport guest) {
        return new BuildResult("tiny", "b-1", run, null, null, null, List.of(), null, null, guest, null,
                ImageVersionId.parse("2026.12.05.2"), CONSOLES);
    }

    private static BuildRequest request() throws Exception {
        return new BuildRequest("tiny", BlueprintReader.parse("""
                name = "tiny"
                version = "1.0.4"
                distro = "debian-12"
                """, "tiny.toml"), null, URI.create("http://deb.example.org/debian"), "state-1", List.of(),
                List.of(TRIGGER), List.of(), null, ImageVersionId.parse("2026.12.05.1"));
    }
}
