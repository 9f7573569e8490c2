package dev.goldsmith.catalog.state;

import static dev.goldsmith.catalog.event.LifecycleState.BUILDING;
import static dev.goldsmith.catalog.event.LifecycleState.BUILT;
import static dev.goldsmith.catalog.event.LifecycleState.REVOKED;
import static dev.goldsmith.catalog.event.LifecycleState.STABLE;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.ImageTransition.ChannelChange;
import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.lifecycle.IllegalTransitionException;
import org.junit.jupiter.api.Test;

class ImageEntryTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final ImageVersionId V1 = ImageVersionId.parse("2026.12.01.1");
    private static final ImageVersionId V2 = ImageVersionId.parse("2026.12.03.1");

    @Test
    void versionWalksItsLifecycleAndRemembersEachStep() throws Exception {
        ImageEntry entry = ImageEntry.empty("debian-12-minimal")
                .withVersion(VersionEntry.started(V1, BUILDING, T0, "first build"));

        entry = entry.transition(V1, BUILT, T0.plusSeconds(60), "built on local").entry();
        entry = entry.transition(V1, TESTING, T0.plusSeconds(61), "QA started").entry();
        ImageEntry.Moved moved = entry.transition(V1, STABLE, T0.plusSeconds(120), "QA passed");

        VersionEntry v1 = moved.entry().version(V1).orElseThrow();
        assertEquals(STABLE, v1.state());
        assertEquals(T0.plusSeconds(120), v1.since());
        assertEquals(T0.plusSeconds(60), v1.enteredAt(BUILT));
        assertEquals(4, v1.history().size());
        assertEquals(TESTING, moved.transition().from());
        assertEquals("QA passed", moved.transition().reason());
    }

    @Test
    void illegalTransitionIsRefusedWithTheReason() {
        ImageEntry entry = ImageEntry.empty("img").withVersion(VersionEntry.started(V1, BUILDING, T0, "build"));

        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class,
                () -> entry.transition(V1, STABLE, T0, "skip QA"));

        assertTrue(refused.getMessage().contains("img 2026.12.01.1 cannot go from building to stable"),
                refused.getMessage());
    }

    @Test
    void revokingAVersionMovesItsChannelsToTheNewestOtherStableVersion() throws Exception {
        ImageEntry entry = stable(stable(ImageEntry.empty("img"), V1), V2);
        entry = entry.point("stable", V2).orElseThrow().entry();
        entry = entry.point("latest", V2).orElseThrow().entry();

        ImageEntry.Moved revoked = entry.transition(V2, REVOKED, T0.plusSeconds(900), "revoked: DSA-1");

        assertEquals(Map.of("latest", V1, "stable", V1), revoked.entry().channels());
        assertEquals(List.of(new ChannelChange("latest", V2.toString(), V1.toString()),
                new ChannelChange("stable", V2.toString(), V1.toString())), revoked.transition().channelChanges());
    }

    @Test
    void channelWithNothingLeftToPointAtIsDropped() throws Exception {
        ImageEntry entry = stable(ImageEntry.empty("img"), V1).point("stable", V1).orElseThrow().entry();

        ImageEntry.Moved revoked = entry.transition(V1, REVOKED, T0, "revoked: DSA-1");

        assertTrue(revoked.entry().channels().isEmpty());
        assertEquals(List.of(new ChannelChange("stable", V1.toString(), null)),
                revoked.transition().channelChanges());
    }

    @Test
    void pointingAChannelWhereItPointsAlreadyChangesNothing() throws Exception {
        ImageEntry entry = stable(ImageEntry.empty("img"), V1).point("stable", V1).orElseThrow().entry();

        assertFalse(entry.point("stable", V1).isPresent());
    }

    @Test
    void entryRoundTripsThroughItsJson() throws Exception {
        ImageEntry entry = stable(stable(ImageEntry.empty("img"), V1), V2).point("stable", V2).orElseThrow().entry();

        ImageEntry read = ImageEntry.fromJson(entry.toJson(), "catalog/img.json");

        assertEquals(entry, read);
        assertTrue(entry.toJson().contains("\"stable\" : \"2026.12.03.1\""), entry.toJson());
    }

    @Test
    void qaPassRoundTripsThroughTheJsonAndIsLeftOutUntilThen() throws Exception {
        ImageEntry entry = ImageEntry.empty("img").withVersion(VersionEntry.started(V1, BUILDING, T0, "build"))
                .transition(V1, BUILT, T0, "built").entry()
                .transition(V1, TESTING, T0, "QA started").entry();
        assertFalse(entry.toJson().contains("qaPassed"), entry.toJson());

        ImageEntry passed = entry.withQaPassed(V1, T0.plusSeconds(300));
        ImageEntry read = ImageEntry.fromJson(passed.toJson(), "catalog/img.json");

        assertEquals(passed, read);
        assertEquals(T0.plusSeconds(300), read.version(V1).orElseThrow().qaPassed());
        assertEquals(TESTING, read.version(V1).orElseThrow().state());
        ImageEntry stable = read.transition(V1, STABLE, T0.plusSeconds(400), "QA passed").entry();
        assertTrue(stable.version(V1).orElseThrow().passedQa(), "a transition keeps the QA pass");
    }

    @Test
    void onlyAVersionUnderTestCanPassQa() throws Exception {
        ImageEntry entry = stable(ImageEntry.empty("img"), V1);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> entry.withQaPassed(V1, T0));

        assertEquals("img 2026.12.01.1 is stable, not testing: only a version under test can pass QA",
                refused.getMessage());
    }

    @Test
    void handEditedFileWithAChannelOnARevokedVersionIsRefused() throws Exception {
        ImageEntry entry = stable(ImageEntry.empty("img"), V1).transition(V1, REVOKED, T0, "revoked").entry();
        String edited = entry.toJson()
                .replace("\"channels\" : { }", "\"channels\" : { \"stable\" : \"2026.12.01.1\" }");

        IOException refused = assertThrows(IOException.class, () -> ImageEntry.fromJson(edited, "catalog/img.json"));

        assertTrue(refused.getMessage().startsWith("catalog/img.json: not a valid catalog entry"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("channel stable points at 2026.12.01.1, which is revoked"),
                refused.getMessage());
    }

    @Test
    void handEditedHistoryThatSkipsQaIsRefused() throws Exception {
        String json = ImageEntry.empty("img").withVersion(VersionEntry.started(V1, BUILDING, T0, "build"))
                .transition(V1, BUILT, T0, "built").entry().toJson()
                .replace("\"to\" : \"built\"", "\"to\" : \"stable\"");

        IOException refused = assertThrows(IOException.class, () -> ImageEntry.fromJson(json, "catalog/img.json"));

        assertTrue(refused.getMessage().contains("cannot go from building to stable"), refused.getMessage());
    }

    private static ImageEntry stable(ImageEntry entry, ImageVersionId version) throws Exception {
        ImageEntry next = entry.withVersion(VersionEntry.started(version, BUILDING, T0, "build"));
        for (LifecycleState state : List.of(BUILT, TESTING, STABLE)) {
            next = next.transition(version, state, T0, "step").entry();
        }
        return next;
    }
}
