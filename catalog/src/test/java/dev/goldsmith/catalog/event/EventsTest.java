package dev.goldsmith.catalog.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsTest {

    @Test
    void buildsACompleteEventWithDeterministicIdSourceSubjectAndTime() {
        PackageData p = Samples.openssl("3.0.15-1~deb12u2");

        CloudEvent event = Samples.events().packagePublished(p);

        assertEquals(EventIds.of(EventType.PACKAGE_PUBLISHED, p), event.id());
        assertEquals(URI.create("urn:goldsmith:feed:debian-security"), event.source());
        assertEquals(EventType.PACKAGE_PUBLISHED, event.type());
        assertEquals("debian-security", event.subject());
        assertEquals("debian-security", event.key());
        assertEquals(Topic.PACKAGES, event.topic());
        assertEquals(Samples.NOW, event.time());
        assertEquals("1.0", event.specversion());
        assertEquals("application/json", event.datacontenttype());
        assertEquals(Map.of(), event.extensions());
    }

    @Test
    void sameFactLaterKeepsItsIdButNotItsTime() {
        Events later = new Events(Events.feedSource("debian-security"),
                Clock.fixed(Instant.parse("2025-03-05T00:00:00Z"), ZoneOffset.UTC));

        CloudEvent first = Samples.events().advisoryUpdated(Samples.dsa(Instant.parse("2025-03-02T10:00:00Z")));
        CloudEvent second = later.advisoryUpdated(Samples.dsa(Instant.parse("2025-03-02T10:00:00Z")));

        assertEquals(first.id(), second.id());
        assertEquals(Instant.parse("2025-03-05T00:00:00Z"), second.time());
    }

    @Test
    void namedFactoriesUseTheirTypes() {
        Events events = new Events(Samples.catalogSource(), Clock.systemUTC());

        assertEquals(EventType.IMAGE_PROMOTED,
                events.imagePromoted(Samples.transition(LifecycleState.TESTING, LifecycleState.STABLE)).type());
        assertEquals(EventType.IMAGE_RETIRED,
                events.imageRetired(Samples.transition(LifecycleState.DEPRECATED, LifecycleState.RETIRED)).type());
        assertEquals(EventType.QA_FAILED, events.qaFailed(Samples.qa(2)).type());
        assertEquals(EventType.DEAD_LETTER, events.deadLetter(Samples.deadLetter("abc")).type());
    }

    @Test
    void leavesSubjectOutWhenADeadLetterHasNoKey() {
        DeadLetter keyless = new DeadLetter("goldsmith.packages", null, null, "not JSON", "x", Samples.NOW);

        CloudEvent event = Samples.events().deadLetter(keyless);

        assertEquals(null, event.subject());
        assertEquals(null, event.key());
    }

    @Test
    void rejects_promotion_that_does_not_end_in_stable() {
        ImageTransition toRevoked = Samples.transition(LifecycleState.STABLE, LifecycleState.REVOKED);

        assertEquals("image.promoted of web-base 2025.03.04.1 must move to STABLE, was to REVOKED",
                assertThrows(IllegalArgumentException.class, () -> Samples.events().imagePromoted(toRevoked))
                        .getMessage());
    }

    @Test
    void rejects_passed_qa_with_errors() {
        QaResult errored = new QaResult("web-base", "1", "smoke", 3, 0, 1, 0, null, "guest agent never answered");

        assertEquals("qa.passed of web-base 1 has 0 failures and 1 errors",
                assertThrows(IllegalArgumentException.class, () -> Samples.events().qaPassed(errored))
                        .getMessage());
    }

    @Test
    void rejects_missing_data() {
        assertEquals("build.failed carries BuildFailed, not null", assertThrows(IllegalArgumentException.class,
                () -> Samples.events().buildFailed(null)).getMessage());
    }

    @Test
    void namesSources() {
        assertEquals(URI.create("urn:goldsmith:feed:osv-debian"), Events.feedSource("osv-debian"));
        assertEquals(URI.create("/goldsmith/catalog"), Events.componentSource("catalog"));
        assertEquals("feed name must not be blank, was ''",
                assertThrows(IllegalArgumentException.class, () -> Events.feedSource("")).getMessage());
    }
}
