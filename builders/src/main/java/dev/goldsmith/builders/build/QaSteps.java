package dev.goldsmith.builders.build;

import dev.goldsmith.builders.process.Programs;
import dev.goldsmith.builders.provision.DiskFile;
import dev.goldsmith.builders.provision.ProvisioningDisk;
import dev.goldsmith.builders.provision.ProvisioningPlan;
import dev.goldsmith.builders.provision.ProvisioningStep;
import dev.goldsmith.builders.qa.CheckResult;
import dev.goldsmith.builders.qa.HostChecks;
import dev.goldsmith.builders.qa.JunitXml;
import dev.goldsmith.builders.qa.QaBudgets;
import dev.goldsmith.builders.qa.QaOutcome;
import dev.goldsmith.builders.qa.QaScript;
import dev.goldsmith.builders.step.BuildStep;
import dev.goldsmith.catalog.blueprint.Distro;
import dev.goldsmith.catalog.version.VersionScheme;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps that test a new artifact: a fresh overlay on it, a QA disk whose one step runs the suite's
 * {@link QaScript} with its lines on the console, the QA VM, and the results with the host checks as JUnit XML.
 * A check that fails does not fail the step: the results say so, and the artifact is kept for the record.
 */
final class QaSteps {

    /** The line the QA step prints with the guest's uptime once it has settled, before the checks run. */
    static final String BOOT = "GOLDSMITH-BOOT";
    static final String SCRIPT_FILE = "files/goldsmith-qa.sh";

    private static final Pattern BOOT_LINE = Pattern.compile(BOOT + " \\{\"seconds\":([0-9]+(?:\\.[0-9]+)?)\\}");

    /**
     * The QA step: waits until no other systemd job runs (up to two minutes), prints the guest's uptime as its boot
     * time, then runs the suite with its standard output on the console. Its exit status is the suite's.
     */
    static final String STEP_SCRIPT = """
            #!/bin/sh
            # Goldsmith QA step: let the guest settle, report its boot time, run the QA suite onto the console.
            set -u
            : "${GOLDSMITH_DISK:?the agent sets GOLDSMITH_DISK}"
            self=$(sed -n 's|.*/\\([^/]*\\.service\\)$|\\1|p' /proc/self/cgroup 2>/dev/null | head -n 1)
            waited=0
            while [ "$waited" -lt 120 ]; do
                busy=$(systemctl list-jobs --no-legend 2>/dev/null | while read -r job unit type state rest; do
                    if [ "$state" = running ] && [ "$unit" != "$self" ]; then printf '%s ' "$unit"; fi
                done)
                [ -z "$busy" ] && break
                sleep 1
                waited=$((waited + 1))
            done
            read -r up rest < /proc/uptime
            printf 'GOLDSMITH-BOOT {"seconds":%s}\\n' "$up" > /dev/ttyS0
            sh "$GOLDSMITH_DISK/files/goldsmith-qa.sh" > /dev/ttyS0
            """;

    private QaSteps() {
    }

    /** {@code qa-overlay}: a fresh copy-on-write overlay on the new artifact. */
    static BuildStep<BuildContext> overlay(Programs programs) {
        return BuildSteps.step("qa-overlay", ctx -> {
            ctx.qaOverlay = ctx.scratch.resolve("qa.qcow2");
            BuildSteps.createOverlay(programs, ctx.artifact, ctx.qaOverlay, ctx.scratch);
        }, ctx -> BuildSteps.deleteFile(ctx.qaOverlay));
    }

    /** {@code qa-disk}: the QA step and the suite's script on a read-only ISO. */
    static BuildStep<BuildContext> disk(Programs programs) {
        return BuildSteps.step("qa-disk", ctx -> {
            Path dir = ctx.scratch.resolve("qa");
            ProvisioningDisk.write(plan(ctx), dir);
            ctx.qaIso = new ProvisioningDisk(programs).makeIso(dir, ctx.scratch.resolve("qa.iso"));
            ImageBuild.deleteTree(dir);
        }, ctx -> {
            ImageBuild.deleteTree(ctx.scratch.resolve("qa"));
            BuildSteps.deleteFile(ctx.qaIso);
        });
    }

    static ProvisioningPlan plan(BuildContext ctx) {
        String script = QaScript.render(ctx.request.qaSuite(), scheme(ctx));
        return new ProvisioningPlan(List.of(new ProvisioningStep("qa", STEP_SCRIPT)),
                List.of(new DiskFile(SCRIPT_FILE, script.getBytes(StandardCharsets.UTF_8))));
    }

    /** {@code qa-vm}: the QA VM boots the artifact's overlay, runs the suite and powers off. */
    static BuildStep<BuildContext> vm() {
        return new GuestRun("qa-vm", "qa", ctx -> ctx.qaOverlay, ctx -> ctx.qaIso,
                ctx -> ctx.qaConsole = ctx.scratch.resolve("qa.console"), ctx -> ctx.settings.qaTimeout());
    }

    /** {@code qa-results}: the guest's results and the host checks, written as {@code qa.xml} beside the manifest. */
    static BuildStep<BuildContext> results() {
        return BuildSteps.step("qa-results", ctx -> {
            List<CheckResult> results = new ArrayList<>();
            QaBudgets budgets = QaBudgets.NONE;
            if (ctx.request.qaSuite() != null) {
                String console = new String(Files.readAllBytes(ctx.qaConsole), StandardCharsets.UTF_8);
                results.addAll(QaOutcome.parse(console, ctx.request.qaSuite(), scheme(ctx)).results());
                ctx.bootTime = bootTime(console).orElse(null);
                budgets = ctx.request.qaSuite().budgets();
            }
            results.addAll(HostChecks.all(ctx.manifest, ctx.request.advisories(), ctx.request.available(), budgets,
                    ctx.bootTime));
            ctx.qaResults = List.copyOf(results);
            ctx.junit = ctx.versionDir.resolve("qa.xml");
            Files.writeString(ctx.junit, JunitXml.write(ctx.request.image(), ctx.version.toString(), results));
        }, ctx -> { });
    }

    /** Returns the boot time the QA step reported, the last one if the guest rebooted. */
    static Optional<Duration> bootTime(String console) {
        Matcher m = BOOT_LINE.matcher(console);
        Duration found = null;
        while (m.find()) {
            found = Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000));
        }
        return Optional.ofNullable(found);
    }

    private static VersionScheme scheme(BuildContext ctx) {
        return Distro.parse(ctx.request.blueprint().distro()).map(d -> d.family().scheme())
                .orElse(VersionScheme.DPKG);
    }
}
