package dev.goldsmith.catalog.event;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kinds of event Goldsmith publishes, one per event named in the topic table of the architecture. Each
 * knows its CloudEvents {@code type} attribute, the topic it travels on and the record its data binds to.
 *
 * <p>The {@code type} attribute is {@code dev.goldsmith.<name>.v<version>}. A change to a payload that an
 * older reader would misread (a field removed, renamed or given a new meaning) takes a new version; adding
 * an optional field does not, because readers ignore fields they do not know.
 */
public enum EventType {
    PACKAGE_PUBLISHED("package.published", 1, Topic.PACKAGES, PackageData.class),
    PACKAGE_WITHDRAWN("package.withdrawn", 1, Topic.PACKAGES, PackageData.class),
    ADVISORY_PUBLISHED("advisory.published", 1, Topic.ADVISORIES, AdvisoryData.class),
    ADVISORY_UPDATED("advisory.updated", 1, Topic.ADVISORIES, AdvisoryData.class),
    REBUILD_REQUESTED("rebuild.requested", 1, Topic.REBUILDS, RebuildRequest.class),
    BUILD_SUCCEEDED("build.succeeded", 1, Topic.BUILDS, BuildSucceeded.class),
    BUILD_FAILED("build.failed", 1, Topic.BUILDS, BuildFailed.class),
    QA_PASSED("qa.passed", 1, Topic.QA, QaResult.class),
    QA_FAILED("qa.failed", 1, Topic.QA, QaResult.class),
    IMAGE_PROMOTED("image.promoted", 1, Topic.CATALOG, ImageTransition.class),
    IMAGE_DEPRECATED("image.deprecated", 1, Topic.CATALOG, ImageTransition.class),
    IMAGE_REVOKED("image.revoked", 1, Topic.CATALOG, ImageTransition.class),
    IMAGE_RETIRED("image.retired", 1, Topic.CATALOG, ImageTransition.class),
    DEAD_LETTER("dead-letter", 1, Topic.DEAD_LETTERS, DeadLetter.class);

    /** The reverse-DNS prefix every Goldsmith event type starts with. */
    public static final String PREFIX = "dev.goldsmith.";

    private static final Pattern TYPE = Pattern.compile(Pattern.quote(PREFIX) + "(.+)\\.v([0-9]{1,9})");

    private final String eventName;
    private final int version;
    private final Topic topic;
    private final Class<? extends EventData> dataClass;

    EventType(String eventName, int version, Topic topic, Class<? extends EventData> dataClass) {
        this.eventName = eventName;
        this.version = version;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    /** Returns the name without prefix or version, such as {@code package.published}. */
    public String eventName() {
        return eventName;
    }

    /** Returns the version of the payload shape this build reads and writes. */
    public int version() {
        return version;
    }

    /** Returns the CloudEvents {@code type} attribute, such as {@code dev.goldsmith.package.published.v1}. */
    public String cloudEventType() {
        return PREFIX + eventName + ".v" + version;
    }

    /** Returns the topic events of this type are published on. */
    public Topic topic() {
        return topic;
    }

    /** Returns the record the event's data binds to. */
    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /**
     * Returns the event type whose {@link #cloudEventType()} is {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not a Goldsmith type, names no known event, or names a
     *                                  known event at a version this build does not read
     */
    public static EventType fromType(String type) {
        if (type == null) {
            throw new IllegalArgumentException("event type is required, was null");
        }
        Matcher matcher = TYPE.matcher(type);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("event type '" + type + "' is not of the form " + PREFIX
                    + "<name>.v<version>");
        }
        String name = matcher.group(1);
        int wanted = Integer.parseInt(matcher.group(2));
        for (EventType candidate : values()) {
            if (candidate.eventName.equals(name)) {
                if (candidate.version != wanted) {
                    throw new IllegalArgumentException("event type '" + type + "' has unsupported version v"
                            + wanted + "; this build reads " + candidate.cloudEventType());
                }
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + type + "'; known names: "
                + Arrays.stream(values()).map(EventType::eventName).collect(Collectors.joining(", ")));
    }

    /**
     * Checks that {@code data} is the record this type carries and that it states what the type claims: a
     * published package has its file, a passed QA run has no failures, a transition ends in the type's state.
     *
     * @throws IllegalArgumentException naming the mismatch
     */
    void requireFits(EventData data) {
        if (!dataClass.isInstance(data)) {
            throw new IllegalArgumentException(eventName + " carries " + dataClass.getSimpleName() + ", not "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        switch (this) {
            case PACKAGE_PUBLISHED -> {
                PackageData published = (PackageData) data;
                if (published.file() == null) {
                    throw new IllegalArgumentException(eventName + " of " + published.name() + " "
                            + published.version() + " needs its file (filename, size, sha256), was null");
                }
            }
            case QA_PASSED -> {
                QaResult result = (QaResult) data;
                if (!result.allPassed()) {
                    throw new IllegalArgumentException(eventName + " of " + result.image() + " " + result.version()
                            + " has " + result.failures() + " failures and " + result.errors() + " errors");
                }
            }
            case IMAGE_PROMOTED, IMAGE_DEPRECATED, IMAGE_REVOKED, IMAGE_RETIRED -> {
                ImageTransition transition = (ImageTransition) data;
                LifecycleState target = transitionTarget();
                if (transition.to() != target) {
                    throw new IllegalArgumentException(eventName + " of " + transition.image() + " "
                            + transition.version() + " must move to " + target + ", was to " + transition.to());
                }
            }
            default -> {
                // The record's own constructor already holds everything this type requires.
            }
        }
    }

    private LifecycleState transitionTarget() {
        return switch (this) {
            case IMAGE_PROMOTED -> LifecycleState.STABLE;
            case IMAGE_DEPRECATED -> LifecycleState.DEPRECATED;
            case IMAGE_REVOKED -> LifecycleState.REVOKED;
            case IMAGE_RETIRED -> LifecycleState.RETIRED;
            default -> throw new IllegalStateException(this + " is not a lifecycle transition");
        };
    }
}
