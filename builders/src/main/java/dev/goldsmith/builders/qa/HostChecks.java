package dev.goldsmith.builders.qa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.catalog.impact.Change;
import dev.goldsmith.catalog.impact.ImageImpact;
import dev.goldsmith.catalog.impact.ImpactIndex;

/**
 * The checks of a QA run that need no VM: the new version's manifest against the known advisories and the
 * versions the repositories offer, and its artifact size and boot time against the suite's budgets.
 */
public final class HostChecks {

    /** The name of the advisory check's test case. */
    public static final String ADVISORIES = "no installed package has an advisory with an available fix";
    /** The name of the artifact size check's test case. */
    public static final String ARTIFACT_SIZE = "artifact size is within its budget";
    /** The name of the boot time check's test case. */
    public static final String BOOT_TIME = "boot time is within its budget";

    private HostChecks() {
    }

    /**
     * Returns every host check for one image version: advisories always, artifact size and boot time where the
     * budgets set a limit.
     *
     * @param bootTime how long the VM took from power-on to the QA run, as its console report tells; null when
     *                 unknown
     */
    public static List<CheckResult> all(Manifest manifest, Collection<AdvisoryData> advisories,
            AvailableVersions available, QaBudgets budgets, Duration bootTime) {
        List<CheckResult> results = new ArrayList<>();
        results.add(advisories(manifest, advisories, available));
        artifactSize(manifest, budgets).ifPresent(results::add);
        bootTime(bootTime, budgets).ifPresent(results::add);
        return results;
    }

    /**
     * Fails when a package of the manifest is at a version an advisory affects and the repositories offer the
     * version that fixes it, naming each such package with its installed and fixed versions and the advisory.
     * Advisories with no fix offered yet do not fail the check; its detail counts them.
     */
    public static CheckResult advisories(Manifest manifest, Collection<AdvisoryData> advisories,
            AvailableVersions available) {
        ImpactIndex index = new ImpactIndex();
        index.add(manifest);
        Map<String, List<String>> fixable = new LinkedHashMap<>();
        Map<String, List<String>> waiting = new LinkedHashMap<>();
        for (AdvisoryData advisory : advisories) {
            for (ImageImpact impact : index.advisory(advisory, available)) {
                for (Change change : impact.changes()) {
                    String id = String.join(", ", change.advisories())
                            + (change.cves().isEmpty() ? "" : " " + String.join(" ", change.cves()));
                    if (change.available() != null) {
                        fixable.computeIfAbsent(change.packageName() + " " + change.installed() + ", fixed in "
                                + change.available(), k -> new ArrayList<>()).add(id);
                    } else {
                        waiting.computeIfAbsent(change.packageName() + " " + change.installed(),
                                k -> new ArrayList<>()).add(id);
                    }
                }
            }
        }
        String checked = manifest.packages().size() + " packages checked against " + advisories.size()
                + (advisories.size() == 1 ? " advisory" : " advisories");
        String waitingNote = waiting.isEmpty() ? ""
                : "; waiting for a fix to be offered: " + describe(waiting);
        if (fixable.isEmpty()) {
            return new CheckResult(ADVISORIES, "advisories", CheckResult.Origin.HOST, true, checked + waitingNote,
                    null);
        }
        return new CheckResult(ADVISORIES, "advisories", CheckResult.Origin.HOST, false,
                "fix available but not installed: " + describe(fixable) + " (" + checked + ")" + waitingNote, null);
    }

    /** Returns the artifact size check, or empty when the budgets set no limit. */
    public static Optional<CheckResult> artifactSize(Manifest manifest, QaBudgets budgets) {
        if (budgets.maxArtifactSize() == null) {
            return Optional.empty();
        }
        long size = manifest.artifact().size();
        long budget = budgets.maxArtifactSize();
        boolean passed = size <= budget;
        String detail = bytes(size) + (passed ? " is within " : " exceeds ") + "the budget of " + bytes(budget);
        return Optional.of(new CheckResult(ARTIFACT_SIZE, "artifact-size", CheckResult.Origin.HOST, passed, detail,
                null));
    }

    /** Returns the boot time check, or empty when the budgets set no limit; an unknown boot time fails it. */
    public static Optional<CheckResult> bootTime(Duration bootTime, QaBudgets budgets) {
        Duration budget = budgets.maxBootTime();
        if (budget == null) {
            return Optional.empty();
        }
        if (bootTime == null) {
            return Optional.of(new CheckResult(BOOT_TIME, "boot-time", CheckResult.Origin.HOST, false,
                    "boot time unknown: the VM did not report it; the budget is " + seconds(budget), null));
        }
        boolean passed = bootTime.compareTo(budget) <= 0;
        String detail = "booted in " + seconds(bootTime) + (passed ? ", within " : ", over ") + "the budget of "
                + seconds(budget);
        return Optional.of(new CheckResult(BOOT_TIME, "boot-time", CheckResult.Origin.HOST, passed, detail, null));
    }

    private static String describe(Map<String, List<String>> findings) {
        StringBuilder text = new StringBuilder();
        findings.forEach((what, why) -> text.append(text.length() == 0 ? "" : "; ").append(what).append(" (")
                .append(String.join("; ", why)).append(')'));
        return text.toString();
    }

    /** Returns a size in bytes as people read it, with the exact number for small ones. */
    static String bytes(long size) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (size < 1024) {
            return size + " B";
        }
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String seconds(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
