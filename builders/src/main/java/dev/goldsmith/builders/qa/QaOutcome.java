package dev.goldsmith.builders.qa;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.goldsmith.catalog.version.InvalidVersionException;
import dev.goldsmith.catalog.version.VersionScheme;

/**
 * The guest checks of one QA run, read back from the VM's serial console, which carries the kernel's messages and
 * whatever else the guest printed besides the {@link QaScript} lines, and may end in the middle of a line.
 *
 * @param results         one result per check of the suite, in the suite's order; a check that never reported
 *                        has failed
 * @param started         whether the script's {@value QaScript#BEGIN} line was seen
 * @param finished        whether its {@value QaScript#END} line was seen
 * @param unreadableLines result lines that could not be read (cut short, or mixed with other output)
 * @param unknownChecks   names reported that the suite does not have, in the order seen
 */
public record QaOutcome(List<CheckResult> results, boolean started, boolean finished, int unreadableLines,
        List<String> unknownChecks) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECK_START = QaScript.CHECK + " {";

    public QaOutcome {
        results = List.copyOf(results);
        unknownChecks = List.copyOf(unknownChecks);
    }

    /** Returns whether every check passed. */
    public boolean allPassed() {
        return results.stream().allMatch(CheckResult::passed);
    }

    /**
     * Returns the results of {@code suite}'s checks reported in {@code console}; {@code scheme} orders the package
     * versions of the image's distribution, for {@code package-installed} checks with {@code at-least}.
     */
    public static QaOutcome parse(String console, QaSuite suite, VersionScheme scheme) {
        Set<String> names = new LinkedHashSet<>();
        suite.checks().forEach(c -> names.add(c.name()));
        Map<String, Report> reports = new HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        boolean started = false;
        boolean finished = false;
        int unreadable = 0;
        for (String line : console.replace("\r", "").split("\n", -1)) {
            started |= line.contains(QaScript.BEGIN + " ");
            finished |= line.contains(QaScript.END + " ");
            int at = line.indexOf(CHECK_START);
            if (at < 0) {
                continue;
            }
            Report report = Report.read(line.substring(at + QaScript.CHECK.length() + 1));
            if (report == null) {
                unreadable++;
            } else if (!names.contains(report.name())) {
                unknown.add(report.name());
            } else {
                // A check that reported more than once (a rerun, or something else writing to the console) counts
                // as failed if any of its reports failed.
                reports.merge(report.name(), report, (first, second) -> first.passed() ? second : first);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (QaCheck check : suite.checks()) {
            Report report = reports.get(check.name());
            if (report == null) {
                results.add(new CheckResult(check.name(), check.kind().key(), CheckResult.Origin.GUEST, false,
                        missing(started, finished, unreadable), null));
            } else {
                results.add(judge(check, report, scheme));
            }
        }
        return new QaOutcome(results, started, finished, unreadable, new ArrayList<>(unknown));
    }

    private static String missing(boolean started, boolean finished, int unreadable) {
        String why = !started ? ": the QA script never started"
                : !finished ? ": the QA script stopped before reaching it" : "";
        String garbled = unreadable == 0 ? ""
                : "; " + unreadable + (unreadable == 1 ? " result line" : " result lines") + " could not be read";
        return "no result reported" + why + garbled;
    }

    /** Returns the result of one reported check; the host compares package versions, the guest the rest. */
    private static CheckResult judge(QaCheck check, Report report, VersionScheme scheme) {
        boolean passed = report.passed();
        String detail = report.detail();
        if (check instanceof QaCheck.PackageInstalled p && passed) {
            if (report.value() == null || report.value().isBlank()) {
                passed = false;
                detail = "reported installed, but with no version";
            } else if (p.atLeast() != null) {
                String installed = report.value().strip();
                try {
                    passed = false;
                    for (String version : installed.split("\\s+")) {
                        passed |= scheme.compare(version, p.atLeast()) >= 0;
                    }
                    detail = "installed " + installed + (passed ? ", at least " : ", older than ") + p.atLeast();
                } catch (InvalidVersionException e) {
                    passed = false;
                    detail = "installed " + installed + ", which cannot be compared with " + p.atLeast() + " as a "
                            + scheme.schemeName() + " version: " + e.getMessage();
                }
            }
        }
        return new CheckResult(check.name(), check.kind().key(), CheckResult.Origin.GUEST, passed, detail,
                report.millis() == null ? null : Duration.ofMillis(report.millis()));
    }

    /** One result line as the guest printed it. */
    private record Report(String name, boolean passed, String detail, String value, Long millis) {

        /** Returns the report in the JSON object that starts {@code text}, or null when there is none. */
        static Report read(String text) {
            JsonNode node;
            try (JsonParser parser = JSON.getFactory().createParser(text)) {
                // Reads the one object and ignores whatever follows it on the line.
                node = JSON.readTree(parser);
            } catch (IOException e) {
                return null;
            }
            if (node == null || !node.isObject() || !node.path("name").isTextual()
                    || !node.path("passed").isBoolean()) {
                return null;
            }
            JsonNode value = node.get("value");
            JsonNode millis = node.get("millis");
            return new Report(node.get("name").asText(), node.get("passed").asBoolean(),
                    node.path("detail").asText(""), value != null && value.isTextual() ? value.asText() : null,
                    millis != null && millis.isIntegralNumber() && millis.asLong() >= 0 ? millis.asLong() : null);
        }
    }
}
