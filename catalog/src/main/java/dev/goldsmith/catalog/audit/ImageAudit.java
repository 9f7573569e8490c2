package dev.goldsmith.catalog.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The history of one image as its Git commits tell it: each version with when it was built (or why its build failed),
 * what triggered it, what it fixes, its QA runs and every lifecycle transition with its date and reason; and every
 * channel move. Built from
 * the trailers {@code Image}, {@code Version}, {@code Triggered-By}, {@code Fixes}, {@code QA}, {@code Transition},
 * {@code Channel} and {@code Actor}; commits without an {@code Image} trailer for this image are ignored.
 *
 * @param image    the image name
 * @param versions its versions in the order they first appear in the history
 * @param channels the channel moves, oldest first
 */
public record ImageAudit(String image, List<VersionAudit> versions, List<ChannelMove> channels) {

    public ImageAudit {
        Objects.requireNonNull(image, "image");
        versions = List.copyOf(versions);
        channels = List.copyOf(channels);
    }

    /**
     * One version of the image.
     *
     * @param version     the version id, as the {@code Version} trailer writes it
     * @param builtAt     when the build finished ({@code Transition: building -> built}), or null if not recorded
     * @param buildCommit the commit that recorded the build, or its failure; null if neither is recorded
     * @param buildFailure what the commit of a build that failed ({@code Transition: building -> failed}) says: where
     *                    and why it failed; null when the build did not fail
     * @param triggeredBy the {@code Triggered-By} values of the build: advisory ids, {@code package NAME VERSION}
     * @param fixes       the {@code Fixes} values of the build: each an advisory id and its CVEs; for a build that
     *                    failed, what it was meant to fix
     * @param qa          each QA run recorded for the version, oldest first
     * @param transitions each lifecycle transition, oldest first
     */
    public record VersionAudit(String version, Instant builtAt, String buildCommit, String buildFailure,
            List<String> triggeredBy, List<String> fixes, List<QaRun> qa, List<Transition> transitions) {

        public VersionAudit {
            Objects.requireNonNull(version, "version");
            triggeredBy = List.copyOf(triggeredBy);
            fixes = List.copyOf(fixes);
            qa = List.copyOf(qa);
            transitions = List.copyOf(transitions);
        }

        /** Returns the state the last recorded transition entered, or null when there is none. */
        public String state() {
            return transitions.isEmpty() ? null : transitions.get(transitions.size() - 1).to();
        }

        /** Returns when the version entered {@code state}, or null when it never did. */
        public Instant enteredAt(String state) {
            return transitions.stream().filter(t -> t.to().equals(state)).map(Transition::at).findFirst()
                    .orElse(null);
        }
    }

    /** A QA run: its outcome as the {@code QA} trailer gives it ({@code passed (suite ...: counts)}), and when. */
    public record QaRun(String outcome, Instant at, String commit) {

        /** Returns whether the run passed. */
        public boolean passed() {
            return outcome.startsWith("passed");
        }
    }

    /**
     * A lifecycle transition.
     *
     * @param what  what the commit's subject says happened and why, after the image and version
     * @param actor who decided ({@code Actor} trailer), or null for builds and QA runs
     */
    public record Transition(String from, String to, Instant at, String what, String actor, String commit) {
    }

    /** A channel that moved: {@code Channel: name from -> to}, with {@code none} for no version. */
    public record ChannelMove(String channel, String from, String to, Instant at, String actor, String commit) {
    }

    /** Returns the audit of {@code image} from {@code history}, as {@link AuditLog#read} returns it. */
    public static ImageAudit of(String image, List<AuditCommit> history) {
        Map<String, Builder> versions = new LinkedHashMap<>();
        List<ChannelMove> channels = new ArrayList<>();
        for (AuditCommit commit : history) {
            if (!image.equals(commit.value("Image"))) {
                continue;
            }
            String version = commit.value("Version");
            for (String channel : commit.values("Channel")) {
                String[] move = channel.split("\\s+(->\\s+)?");
                if (move.length == 3) {
                    channels.add(new ChannelMove(move[0], move[1], move[2], commit.at(), commit.value("Actor"),
                            commit.id()));
                }
            }
            if (version == null) {
                continue;
            }
            Builder v = versions.computeIfAbsent(version, Builder::new);
            for (String transition : commit.values("Transition")) {
                String[] states = transition.split("\\s*->\\s*", 2);
                if (states.length != 2) {
                    continue;
                }
                v.transitions.add(new Transition(states[0], states[1], commit.at(), commit.what(),
                        commit.value("Actor"), commit.id()));
                if (states[0].equals("building") && (states[1].equals("built") || states[1].equals("failed"))) {
                    if (states[1].equals("built")) {
                        v.builtAt = commit.at();
                    } else {
                        v.buildFailure = commit.what();
                    }
                    v.buildCommit = commit.id();
                    v.triggeredBy.addAll(commit.values("Triggered-By"));
                    v.fixes.addAll(commit.values("Fixes"));
                }
            }
            for (String qa : commit.values("QA")) {
                v.qa.add(new QaRun(qa, commit.at(), commit.id()));
            }
        }
        return new ImageAudit(image, versions.values().stream().map(Builder::build).toList(), channels);
    }

    /** Returns the audit as plain text for the command line. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(image).append(": ").append(versions.size()).append(versions.size() == 1 ? " version" : " versions")
                .append(" in the history\n");
        for (VersionAudit v : versions) {
            text.append('\n').append(v.version());
            if (v.state() != null) {
                text.append("  ").append(v.state());
            }
            text.append('\n');
            text.append("  built         ").append(built(v)).append('\n');
            text.append("  triggered by  ").append(orDash(String.join(", ", v.triggeredBy()))).append('\n');
            String fixes = String.join("; ", v.fixes());
            text.append("  fixes         ").append(v.buildFailure() == null ? orDash(fixes) : "nothing, the build"
                    + " failed" + (fixes.isEmpty() ? "" : " (it was for " + fixes + ")")).append('\n');
            if (v.qa().isEmpty()) {
                text.append("  QA            not recorded\n");
            }
            for (QaRun qa : v.qa()) {
                text.append("  QA            ").append(qa.outcome()).append("  ").append(qa.at()).append('\n');
            }
            for (Transition t : v.transitions()) {
                text.append("  ").append(t.at()).append("  ").append(String.format("%-22s", t.from() + " -> "
                        + t.to())).append(t.what());
                if (t.actor() != null) {
                    text.append("  [").append(t.actor()).append(']');
                }
                text.append('\n');
            }
        }
        if (!channels.isEmpty()) {
            text.append("\nchannels\n");
            for (ChannelMove c : channels) {
                text.append("  ").append(c.at()).append("  ").append(c.channel()).append(' ').append(c.from())
                        .append(" -> ").append(c.to());
                if (c.actor() != null) {
                    text.append("  [").append(c.actor()).append(']');
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** Returns when the version was built, or that its build failed, with the commit that says so. */
    private static String built(VersionAudit v) {
        if (v.buildFailure() != null) {
            return "no, the build failed " + v.enteredAt("failed") + "  (commit " + shortId(v.buildCommit()) + ")";
        }
        return v.builtAt() == null ? "not recorded" : v.builtAt() + "  (commit " + shortId(v.buildCommit()) + ")";
    }

    static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }

    static String shortId(String id) {
        return id == null ? "-" : id.substring(0, Math.min(10, id.length()));
    }

    private static final class Builder {

        private final String version;
        private Instant builtAt;
        private String buildCommit;
        private String buildFailure;
        private final List<String> triggeredBy = new ArrayList<>();
        private final List<String> fixes = new ArrayList<>();
        private final List<QaRun> qa = new ArrayList<>();
        private final List<Transition> transitions = new ArrayList<>();

        Builder(String version) {
            this.version = version;
        }

        VersionAudit build() {
            return new VersionAudit(version, builtAt, buildCommit, buildFailure, triggeredBy, fixes, qa,
                    transitions);
        }
    }
}
