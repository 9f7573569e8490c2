package dev.goldsmith.routes.events;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.event.BuildFailed;
import dev.goldsmith.catalog.event.BuildSucceeded;
import dev.goldsmith.catalog.event.CloudEvent;
import dev.goldsmith.catalog.event.DeadLetter;
import dev.goldsmith.catalog.event.ImageTransition;
import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.catalog.event.QaResult;
import dev.goldsmith.catalog.event.RebuildRequest;

/**
 * Renders an event as one log line of {@code key=value} pairs: type and id first, then what an operator looks for
 * in that kind of event (image, version, feed, package, advisory).
 */
public final class EventLogLine {

    private EventLogLine() {
    }

    /** Returns the log line of {@code event}, without a trailing newline. */
    public static String of(CloudEvent event) {
        StringBuilder line = new StringBuilder()
                .append("type=").append(event.type().eventName())
                .append(" id=").append(event.id())
                .append(" source=").append(event.source());
        Object data = event.data();
        if (data instanceof PackageData p) {
            pairs(line, "feed", p.repositoryId(), "package", p.name(), "version", p.version(),
                    "arch", p.architecture());
        } else if (data instanceof AdvisoryData a) {
            pairs(line, "advisory", a.advisoryId(), "feed", a.sourceFeed(), "severity", a.severity(),
                    "cves", String.join(",", a.aliases()));
        } else if (data instanceof RebuildRequest r) {
            pairs(line, "image", r.image(), "reasons", r.reasons().size(), "fast_lane", r.fastLane());
        } else if (data instanceof BuildSucceeded b) {
            pairs(line, "image", b.image(), "version", b.version(), "host", b.builderHost(), "sha256", b.sha256());
        } else if (data instanceof BuildFailed b) {
            pairs(line, "image", b.image(), "version", b.version(), "step", b.failedStep(), "reason", b.reason());
        } else if (data instanceof QaResult q) {
            pairs(line, "image", q.image(), "version", q.version(), "suite", q.suite(), "tests", q.tests(),
                    "failures", q.failures());
        } else if (data instanceof ImageTransition t) {
            pairs(line, "image", t.image(), "version", t.version(), "from", t.from(), "to", t.to(),
                    "reason", t.reason());
        } else if (data instanceof DeadLetter d) {
            pairs(line, "original_topic", d.originalTopic(), "original_key", d.originalKey(), "reason", d.reason());
        }
        return line.toString();
    }

    private static void pairs(StringBuilder line, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value == null) {
                continue;
            }
            line.append(' ').append(keysAndValues[i]).append('=').append(quoted(value.toString()));
        }
    }

    private static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c < 0x20)) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
