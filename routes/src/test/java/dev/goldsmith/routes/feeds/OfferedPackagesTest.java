package dev.goldsmith.routes.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.goldsmith.catalog.impact.AvailableVersions;
import dev.goldsmith.feeds.snapshot.PackageEntry;
import dev.goldsmith.feeds.snapshot.PackageSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfferedPackagesTest {

    @TempDir
    Path feeds;

    @Test
    void everyFeedSnapshotCountsAsOfferedAfterARestart() throws Exception {
        PackageSnapshot.of("debian-12", List.of(
                new PackageEntry("libssl3", "3.0.17-1~deb12u2", "amd64", "openssl", "3.0.17-1~deb12u2"),
                new PackageEntry("bash", "5.2.15-2+b8", "amd64", "bash", "5.2.15-2")))
                .write(Files.createDirectories(feeds.resolve("host-apt-bookworm")).resolve("packages.snapshot.gz"));
        PackageSnapshot.of("debian-12", List.of(
                new PackageEntry("libssl3", "3.0.18-1~deb12u1", "amd64", "openssl", "3.0.18-1~deb12u1")))
                .write(Files.createDirectories(feeds.resolve("host-apt-bookworm-security"))
                        .resolve("packages.snapshot.gz"));
        Files.createDirectories(feeds.resolve("osv-debian"));
        AvailableVersions available = new AvailableVersions();

        OfferedPackages.Loaded loaded = OfferedPackages.load(feeds, available);

        assertEquals(new OfferedPackages.Loaded(2, 3, List.of()), loaded);
        assertTrue(available.offersAtLeast("debian-12", "openssl", "3.0.18-1~deb12u1"));
        assertTrue(available.offersAtLeast("debian-12", "bash", "5.2.15-2"));
        assertFalse(available.offersAtLeast("debian-12", "openssl", "3.0.18-1~deb12u2"));
        assertFalse(available.offersAtLeast("ubuntu-24.04", "openssl", "3.0.0"));
    }

    @Test
    void unreadableSnapshotIsNamedAndTheOthersStillLoad() throws Exception {
        Files.writeString(Files.createDirectories(feeds.resolve("broken")).resolve("packages.snapshot.gz"), "junk");
        PackageSnapshot.of("debian-12", List.of(new PackageEntry("bash", "5.2.15-2", "amd64", null, null)))
                .write(Files.createDirectories(feeds.resolve("good")).resolve("packages.snapshot.gz"));
        AvailableVersions available = new AvailableVersions();

        OfferedPackages.Loaded loaded = OfferedPackages.load(feeds, available);

        assertEquals(1, loaded.feeds());
        assertEquals(1, loaded.problems().size());
        assertTrue(loaded.problems().get(0).contains("broken/packages.snapshot.gz"), loaded.problems().get(0));
        assertTrue(available.offersAtLeast("debian-12", "bash", "5.2.15-2"));
    }

    @Test
    void stateWithoutFeedsOffersNothing() throws Exception {
        assertEquals(0, OfferedPackages.load(feeds.resolve("absent"), new AvailableVersions()).packages());
    }
}
