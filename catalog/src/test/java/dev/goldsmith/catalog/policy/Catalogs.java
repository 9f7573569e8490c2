package dev.goldsmith.catalog.policy;

import static dev.goldsmith.catalog.event.LifecycleState.BUILDING;
import static dev.goldsmith.catalog.event.LifecycleState.BUILT;
import static dev.goldsmith.catalog.event.LifecycleState.TESTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.LifecycleState;
import dev.goldsmith.catalog.image.ImageVersionId;
import dev.goldsmith.catalog.image.InstalledPackage;
import dev.goldsmith.catalog.image.Manifest;
import dev.goldsmith.catalog.lifecycle.Lifecycle;
import dev.goldsmith.catalog.state.ImageEntry;
import dev.goldsmith.catalog.state.ImageEntry.Moved;
import dev.goldsmith.catalog.state.VersionEntry;

/** Builds catalog entries and manifests for the policy tests, and checks what must hold after every step. */
final class Catalogs {

    private static final String SHA256 = "0".repeat(64);

    private Catalogs() {
    }

    static ImageVersionId v(String id) {
        return ImageVersionId.parse(id);
    }

    /** Returns {@code entry} with a new version that was built and went under test at {@code at}. */
    static ImageEntry underTest(ImageEntry entry, String version, Instant at) throws Exception {
        ImageEntry next = entry.withVersion(VersionEntry.started(v(version), BUILDING, at, "rebuild requested"));
        next = next.transition(v(version), BUILT, at, "built on local").entry();
        return next.transition(v(version), TESTING, at, "QA started").entry();
    }

    /**
     * Returns {@code entry} with a new version created at {@code created} and walked from testing through
     * {@code path}, one step a minute later each; passes QA first when the path leads to stable.
     */
    static ImageEntry walked(ImageEntry entry, String version, Instant created, LifecycleState... path)
            throws Exception {
        ImageEntry next = underTest(entry, version, created);
        Instant at = created;
        for (LifecycleState state : path) {
            at = at.plus(Duration.ofMinutes(1));
            if (state == LifecycleState.STABLE) {
                next = next.withQaPassed(v(version), at);
            }
            next = next.transition(v(version), state, at, "walked to " + state).entry();
        }
        return next;
    }

    static Manifest manifest(String image, String version, String distro, InstalledPackage... packages) {
        return new Manifest(image, v(version), distro, "1.0.0", Arrays.asList(packages),
                new Manifest.Artifact("images/" + image + "/" + version + "/disk.qcow2", "qcow2", SHA256, 1024),
                "local", List.of(), List.of(), Instant.parse("2026-12-01T00:00:00Z"));
    }

    static InstalledPackage rpm(String name, String version, String source) {
        return new InstalledPackage(name, version, "x86_64", source);
    }

    static InstalledPackage deb(String name, String version, String source) {
        return new InstalledPackage(name, version, "amd64", source);
    }

    /**
     * Checks what must hold for every entry a policy returns: it survives its own JSON, and
     * {@link #assertChannelsHold}.
     */
    static ImageEntry assertInvariants(ImageEntry entry) {
        try {
            assertEquals(entry, ImageEntry.fromJson(entry.toJson(), "catalog/" + entry.image() + ".json"));
        } catch (IOException e) {
            fail("entry of " + entry.image() + " does not read back: " + e.getMessage());
        }
        return assertChannelsHold(entry);
    }

    /**
     * Checks the entry's own invariants once more (its constructor runs them) and that no channel points at a
     * version that is not there or that channels may not point at. Cheaper than the JSON round trip of
     * {@link #assertInvariants}, for long walks.
     */
    static ImageEntry assertChannelsHold(ImageEntry entry) {
        assertEquals(entry, new ImageEntry(entry.image(), entry.versions(), entry.channels()));
        for (Map.Entry<String, ImageVersionId> channel : entry.channels().entrySet()) {
            LifecycleState state = entry.version(channel.getValue()).orElseThrow().state();
            assertTrue(Lifecycle.channelsMayPointAt(state), "channel " + channel.getKey() + " points at "
                    + channel.getValue() + ", which is " + state);
        }
        return entry;
    }

    /** Checks every entry of {@code moves}, and returns the last entry of {@code image} among them. */
    static ImageEntry assertInvariants(Collection<Moved> moves, String image, ImageEntry otherwise) {
        ImageEntry last = otherwise;
        for (Moved moved : moves) {
            assertInvariants(moved.entry());
            if (moved.entry().image().equals(image)) {
                last = moved.entry();
            }
        }
        return last;
    }

    static LifecycleState state(ImageEntry entry, String version) {
        return entry.version(v(version)).orElseThrow().state();
    }
}
