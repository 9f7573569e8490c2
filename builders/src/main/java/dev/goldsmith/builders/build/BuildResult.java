package dev.goldsmith.builders.build;

import dev.goldsmith.builders.agent.StepReport;
import dev.goldsmith.builders.qa.CheckResult;
import dev.goldsmith.builders.step.StepRunResult;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.image.PackageLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one build ended.
 *
 * @param image          the image
 * @param buildId        the build's id, as domain names, scratch entries and logs carry it
 * @param run            how the steps went, with every step's duration
 * @param manifest       the new version's manifest; null when the build failed (its artifact was discarded)
 * @param lock           its package lock; null when the build failed
 * @param versionDir     where the artifact, manifest, lock and qa.xml are; null when the build failed
 * @param qaResults      every QA check, guest and host; empty when the build failed before QA
 * @param junit          the JUnit XML file; null when QA did not get that far
 * @param bootTime       how long the QA VM took to settle, as it reported; null when unknown
 * @param failedGuestStep the provisioning step that failed in the build VM, with its exit status and output tail;
 *                        null when none did
 * @param domainType     the domain type the build used, with the reason, such as {@code qemu: ...}; null when not
 *                       decided
 * @param version        the version id the build took for its artifact; null when it failed before taking one. A
 *                       failed build's version directory is gone, but its id may have been seen and is not reused
 * @param consoles       the directory the guests' console files were kept in: the version's directory after a
 *                       build, {@code failed-builds/<build>} after a failure; null when no console was kept
 */
public record BuildResult(String image, String buildId, StepRunResult run, Manifest manifest, PackageLock lock,
        Path versionDir, List<CheckResult> qaResults, Path junit, Duration bootTime, StepReport failedGuestStep,
        String domainType, ImageVersionId version, Path consoles) {

    public BuildResult {
        qaResults = List.copyOf(qaResults);
    }

    /** Returns whether the artifact was built, with its manifest and lock. */
    public boolean built() {
        return run.succeeded() && manifest != null;
    }

    /** Returns whether every QA check passed; false when QA did not run. */
    public boolean qaPassed() {
        return built() && !qaResults.isEmpty() && qaResults.stream().allMatch(CheckResult::passed);
    }

    /** Returns whether the build and its QA both passed. */
    public boolean passed() {
        return built() && qaPassed();
    }

    /** Returns the artifact's path, or null when the build failed. */
    public Path artifact() {
        return manifest == null ? null : Path.of(manifest.artifact().path());
    }

    /** Returns the time the whole build took: the sum of its steps. */
    public Duration total() {
        return run.steps().stream().map(Manifest.Step::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
