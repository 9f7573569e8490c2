package dev.goldsmith.builders.agent;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the agent's lines out of console text; see {@link ConsoleReport}. One instance parses one console. */
final class ConsoleParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "GOLDSMITH-";

    private boolean agentStarted;
    private final List<StepReport> steps = new ArrayList<>();
    private final List<ReportedPackage> packages = new ArrayList<>();
    private String packageFormat;
    private boolean packagesEnded;
    private boolean packagesGarbled;
    private AgentDone done;
    private int unreadable;

    ConsoleReport parse(String console) {
        String[] lines = console.split("\n", -1);
        // The last element follows the last line end: empty, or a line the guest has not finished writing.
        for (int i = 0; i < lines.length - 1; i++) {
            int at = lines[i].indexOf(MARK);
            if (at >= 0) {
                line(lines[i].substring(at + MARK.length()).replace("\r", ""));
            }
        }
        if (done != null && done.failedStep() != null
                && steps.stream().noneMatch(s -> s.step().equals(done.failedStep()))) {
            steps.add(new StepReport(done.failedStep(), done.status(), -1, "(its result line was unreadable)"));
        }
        boolean complete = packagesEnded && !packagesGarbled;
        return new ConsoleReport(agentStarted, steps, packages, complete, done, unreadable);
    }

    private void line(String line) {
        int space = line.indexOf(' ');
        String tag = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        try {
            switch (tag) {
                case "AGENT" -> restart();
                case "RESULT" -> steps.add(result(json(rest)));
                case "PACKAGES-BEGIN" -> begin(json(rest));
                case "PKG" -> pkg(rest);
                case "PACKAGES-END" -> end(json(rest));
                case "DONE" -> done = done(json(rest));
                default -> unreadable++;
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            unreadable++;
            if (packageFormat != null && !packagesEnded) {
                packagesGarbled = true;
            }
        }
    }

    /** A second agent start (the guest rebooted) makes what the first one said stale. */
    private void restart() {
        agentStarted = true;
        steps.clear();
        packages.clear();
        packageFormat = null;
        packagesEnded = false;
        packagesGarbled = false;
        done = null;
    }

    private static JsonNode json(String text) throws JsonProcessingException {
        JsonNode node = JSON.readTree(text);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        return node;
    }

    private static StepReport result(JsonNode json) {
        String step = json.path("step").asText("");
        if (step.isEmpty() || !json.path("status").isInt()) {
            throw new IllegalArgumentException("result without step or status");
        }
        return new StepReport(step, json.get("status").asInt(), json.path("seconds").asLong(-1),
                json.path("output").asText(""));
    }

    private void begin(JsonNode json) {
        packageFormat = json.path("format").asText("dpkg");
        packagesEnded = false;
        packagesGarbled = false;
        packages.clear();
    }

    private void end(JsonNode json) {
        if (packageFormat == null) {
            throw new IllegalArgumentException("package list end without its start");
        }
        packagesEnded = true;
        if (json.path("count").asInt(-1) != packages.size()) {
            packagesGarbled = true;
        }
    }

    private void pkg(String text) {
        if (packageFormat == null || packagesEnded) {
            throw new IllegalArgumentException("package line outside the package list");
        }
        String[] f = text.split("\t", -1);
        if (f.length != 5 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
            throw new IllegalArgumentException("package line with " + f.length + " fields: " + text);
        }
        packages.add("rpm".equals(packageFormat) ? rpmPackage(f) : new ReportedPackage(f[0], f[1], f[2],
                f[3].isBlank() ? f[0] : f[3], f[4].isBlank() ? f[1] : f[4]));
    }

    /** RPM names the source by its file, {@code NAME-VERSION-RELEASE.src.rpm}. */
    private static ReportedPackage rpmPackage(String[] f) {
        String srpm = f[3].replaceFirst("\\.(no)?src\\.rpm$", "");
        int release = srpm.lastIndexOf('-');
        int version = release > 0 ? srpm.lastIndexOf('-', release - 1) : -1;
        if (version <= 0) {
            return new ReportedPackage(f[0], f[1], f[2], f[0], f[1]);
        }
        return new ReportedPackage(f[0], f[1], f[2], srpm.substring(0, version), srpm.substring(version + 1));
    }

    private static AgentDone done(JsonNode json) {
        if (!json.path("status").isInt()) {
            throw new IllegalArgumentException("done without status");
        }
        return new AgentDone(json.get("status").asInt(), json.path("steps").asInt(0),
                json.hasNonNull("failed") ? json.get("failed").asText() : null,
                json.hasNonNull("error") ? json.get("error").asText() : null, json.path("seconds").asLong(-1));
    }
}
