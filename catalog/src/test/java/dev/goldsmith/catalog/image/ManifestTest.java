package dev.goldsmith.catalog.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static Manifest manifest() {
        return new Manifest("debian-12-minimal", ImageVersionId.parse("2026.12.03.1"), "debian-12", "0.0.2",
                List.of(new InstalledPackage("openssh-server", "1:9.2p1-2+deb12u7", "amd64", "openssh"),
                        new InstalledPackage("chrony", "4.3-2+deb12u1", "amd64", null)),
                new Manifest.Artifact("/var/lib/goldsmith/images/debian-12-minimal/2026.12.03.1.qcow2", "qcow2", SHA,
                        524_288_000L),
                "local", List.of(new Manifest.Step("provision", Duration.ofSeconds(95))),
                List.of(new Manifest.Trigger("openssh-server", "1:9.2p1-2+deb12u6", "1:9.2p1-2+deb12u7",
                        List.of("DSA-6066-1"), List.of("CVE-2025-26465"), null)),
                Instant.parse("2026-12-03T12:00:00Z"));
    }

    @Test
    void manifestRoundTripsThroughItsJsonWithVersionAsText() throws IOException {
        Manifest manifest = manifest();

        String json = manifest.toJson();

        assertTrue(json.contains("\"version\" : \"2026.12.03.1\""), json);
        assertEquals(manifest, Manifest.fromJson(json, "manifest.json"));
        assertEquals("chrony", manifest.packages().get(0).name(), "packages are sorted by name");
        assertEquals("chrony", manifest.packages().get(0).source(), "a package without source names itself");
    }

    @Test
    void lockPinsEveryInstalledPackageAndRoundTripsThroughToml() throws IOException {
        PackageLock lock = PackageLock.of(manifest());

        String toml = lock.toToml();

        assertTrue(toml.contains("version = \"1:9.2p1-2+deb12u7\""), toml);
        assertEquals(lock, PackageLock.fromToml(toml, "lock.toml"));
    }

    @Test
    void damagedFilesAreRefusedNamingTheSource() {
        IOException json = assertThrows(IOException.class, () -> Manifest.fromJson(
                manifest().toJson().replace(SHA, "not-a-checksum"), "images/x/2026.12.03.1/manifest.json"));
        assertTrue(json.getMessage().startsWith("images/x/2026.12.03.1/manifest.json: "), json.getMessage());
        IOException toml = assertThrows(IOException.class,
                () -> PackageLock.fromToml("image = \"x\"\nversion = \"yesterday\"\n", "lock.toml"));
        assertTrue(toml.getMessage().startsWith("lock.toml: "), toml.getMessage());
    }
}
