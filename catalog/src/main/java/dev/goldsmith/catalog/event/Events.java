package dev.goldsmith.catalog.event;

import java.net.URI;
import java.time.Clock;

/**
 * Builds complete events for one producer: the deterministic id from {@link EventIds}, the producer's source,
 * the record key as subject, and the current time from the clock. Producers use this and never assemble an
 * id themselves.
 *
 * <p>{@code time} is when this producer emitted the event. Times that belong to the fact itself (an advisory's
 * modification, a request's or failure's moment) are fields of the data.
 */
public final class Events {

    private final URI source;
    private final Clock clock;

    /**
     * Creates a factory for events from {@code source}.
     *
     * @param source the producer, see {@link #feedSource(String)} and {@link #componentSource(String)}
     * @param clock  the clock that stamps {@code time}; the system UTC clock in production
     */
    public Events(URI source, Clock clock) {
        this.source = Require.present(source, "source");
        this.clock = Require.present(clock, "clock");
    }

    /** Returns the source of events read from the configured feed {@code name}: {@code urn:goldsmith:feed:<name>}. */
    public static URI feedSource(String name) {
        return URI.create("urn:goldsmith:feed:" + Require.text(name, "feed name"));
    }

    /** Returns the source of events from a part of Goldsmith, such as {@code catalog}: {@code /goldsmith/<name>}. */
    public static URI componentSource(String name) {
        return URI.create("/goldsmith/" + Require.text(name, "component name"));
    }

    /** Returns a {@code package.published} event. */
    public CloudEvent packagePublished(PackageData data) {
        return create(EventType.PACKAGE_PUBLISHED, data);
    }

    /** Returns a {@code package.withdrawn} event. */
    public CloudEvent packageWithdrawn(PackageData data) {
        return create(EventType.PACKAGE_WITHDRAWN, data);
    }

    /** Returns an {@code advisory.published} event. */
    public CloudEvent advisoryPublished(AdvisoryData data) {
        return create(EventType.ADVISORY_PUBLISHED, data);
    }

    /** Returns an {@code advisory.updated} event. */
    public CloudEvent advisoryUpdated(AdvisoryData data) {
        return create(EventType.ADVISORY_UPDATED, data);
    }

    /** Returns a {@code rebuild.requested} event. */
    public CloudEvent rebuildRequested(RebuildRequest data) {
        return create(EventType.REBUILD_REQUESTED, data);
    }

    /** Returns a {@code build.succeeded} event. */
    public CloudEvent buildSucceeded(BuildSucceeded data) {
        return create(EventType.BUILD_SUCCEEDED, data);
    }

    /** Returns a {@code build.failed} event. */
    public CloudEvent buildFailed(BuildFailed data) {
        return create(EventType.BUILD_FAILED, data);
    }

    /** Returns a {@code qa.passed} event; the result must have no failures or errors. */
    public CloudEvent qaPassed(QaResult data) {
        return create(EventType.QA_PASSED, data);
    }

    /** Returns a {@code qa.failed} event. */
    public CloudEvent qaFailed(QaResult data) {
        return create(EventType.QA_FAILED, data);
    }

    /** Returns an {@code image.promoted} event; the transition must end in {@code stable}. */
    public CloudEvent imagePromoted(ImageTransition data) {
        return create(EventType.IMAGE_PROMOTED, data);
    }

    /** Returns an {@code image.deprecated} event; the transition must end in {@code deprecated}. */
    public CloudEvent imageDeprecated(ImageTransition data) {
        return create(EventType.IMAGE_DEPRECATED, data);
    }

    /** Returns an {@code image.revoked} event; the transition must end in {@code revoked}. */
    public CloudEvent imageRevoked(ImageTransition data) {
        return create(EventType.IMAGE_REVOKED, data);
    }

    /** Returns an {@code image.retired} event; the transition must end in {@code retired}. */
    public CloudEvent imageRetired(ImageTransition data) {
        return create(EventType.IMAGE_RETIRED, data);
    }

    /** Returns a {@code dead-letter} event. */
    public CloudEvent deadLetter(DeadLetter data) {
        return create(EventType.DEAD_LETTER, data);
    }

    /**
     * Returns an event of {@code type} carrying {@code data}, for code that picks the type at run time, such as
     * a QA run choosing between passed and failed.
     *
     * @throws IllegalArgumentException if {@code data} is not what {@code type} carries
     */
    public CloudEvent create(EventType type, EventData data) {
        return new CloudEvent(EventIds.of(type, data), source, type, data.key(), clock.instant(), data);
    }
}
