package dev.goldsmith.builders.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;

class LeftoversTest {

    @TempDir
    Path scratch;

    private Connect daemon;
    private LibvirtHost host;

    @BeforeEach
    void setUp() throws Exception {
        daemon = new Connect("test:///default");
        host = new LibvirtHost("local", "test:///default", 1);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String name : List.of("goldsmith-impostor", "goldsmith-left-active", "goldsmith-left-defined",
                "goldsmith-left-running-defined", "goldsmith-other-process", "goldsmith-other-machine-young")) {
            host.destroy(name);
            host.undefine(name);
        }
        host.close();
        daemon.close();
    }

    @Test
    void removesGoldsmithDomainsRunningOrDefinedAndNothingElse() throws Exception {
        host.start(Specs.guest("goldsmith-left-running", "crashed1"));
        daemon.domainDefineXML(DomainXml.render(Specs.guest("goldsmith-left-defined", "crashed2"))).free();
        Domain both = daemon.domainDefineXML(DomainXml.render(Specs.guest("goldsmith-left-running-defined", "c3")));
        both.create();
        both.free();
        daemon.domainCreateXML(Specs.unmarked("goldsmith-impostor"), 0).free();
        host.start(Specs.guest("goldsmith-left-active", "building"));

        List<Leftovers.Removal> removed = new Leftovers(scratch).sweepDomains(host, Set.of("building"));

        assertEquals(Set.of("goldsmith-left-running", "goldsmith-left-defined", "goldsmith-left-running-defined"),
                Set.copyOf(removed.stream().map(Leftovers.Removal::what).toList()));
        Leftovers.Removal defined = removed.stream().filter(r -> r.what().equals("goldsmith-left-defined"))
                .findFirst().orElseThrow();
        assertEquals("crashed2", defined.buildId());
        assertEquals("debian-12-minimal", defined.image());
        assertTrue(defined.reason().startsWith("defined but shut off"), defined.reason());
        List<String> left = host.domainNames();
        assertFalse(left.contains("goldsmith-left-running"));
        assertFalse(left.contains("goldsmith-left-defined"));
        assertFalse(left.contains("goldsmith-left-running-defined"));
        assertTrue(left.contains("goldsmith-impostor"), "a name alone does not make a domain Goldsmith's");
        assertTrue(left.contains("goldsmith-left-active"), "a build in progress keeps its domain");
        assertTrue(left.contains("test"), "the driver's own domain is untouched");
    }

    @Test
    void secondSweepFindsNothing() throws Exception {
        host.start(Specs.guest("goldsmith-left-once", "crashed"));
        Leftovers leftovers = new Leftovers(scratch);
        leftovers.sweepDomains(host, Set.of());

        assertEquals(List.of(), leftovers.sweepDomains(host, Set.of()));
    }

    @Test
    void deletesOnlyGoldsmithScratchEntriesOfEndedBuilds() throws Exception {
        Path overlay = Files.writeString(scratch.resolve("goldsmith-b1-overlay.qcow2"), "x");
        Path workDir = Files.createDirectories(scratch.resolve("goldsmith-b1-provision/root/etc"));
        Files.writeString(workDir.resolve("hostname"), "guest");
        Path outside = Files.createDirectories(scratch.resolve("../outside-" + scratch.getFileName()).normalize());
        Path precious = Files.writeString(outside.resolve("precious"), "keep");
        Files.createSymbolicLink(scratch.resolve("goldsmith-b1-link"), outside);
        Path active = Files.writeString(scratch.resolve("goldsmith-b2-overlay.qcow2"), "x");
        Path foreign = Files.writeString(scratch.resolve("notes.txt"), "mine");

        List<Leftovers.Removal> removed = new Leftovers(scratch).sweepScratch(Set.of("b2"));

        assertEquals(3, removed.size());
        assertFalse(Files.exists(overlay));
        assertFalse(Files.exists(scratch.resolve("goldsmith-b1-provision")));
        assertFalse(Files.exists(scratch.resolve("goldsmith-b1-link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(precious), "a link is removed, not followed");
        assertTrue(Files.exists(active));
        assertTrue(Files.exists(foreign));
        Files.delete(precious);
        Files.delete(outside);
    }

    @Test
    void buildOfAnotherRunningGoldsmithProcessIsKeptUntilThatProcessEnds() throws Exception {
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            BuildOwner owner = ownerOf(other);
            host.start(Specs.guest("goldsmith-other-process", new DomainMark("b9", "web", Instant.now(), owner)));
            Path otherScratch = Files.createDirectories(scratch.resolve("goldsmith-web-b9"));
            Files.writeString(otherScratch.resolve(Leftovers.OWNER_FILE), owner + "\n");
            Leftovers leftovers = new Leftovers(scratch);

            assertEquals(List.of(), leftovers.sweepDomains(host, Set.of()), "that process's build is in progress");
            assertEquals(List.of(), leftovers.sweepScratch(Set.of()));
            assertTrue(Files.isDirectory(otherScratch));

            other.destroy();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS), "sleep ended");
            List<Leftovers.Removal> removed = leftovers.sweepDomains(host, Set.of());
            assertEquals(List.of("goldsmith-other-process"), removed.stream().map(Leftovers.Removal::what).toList());
            assertTrue(removed.get(0).reason().contains("Goldsmith process " + other.pid()), removed.get(0).reason());
            assertEquals(1, leftovers.sweepScratch(Set.of()).size());
            assertFalse(Files.exists(otherScratch));
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void buildOfGoldsmithOnAnotherMachineIsTakenOnlyWhenOlderThanAnyBuildLasts() throws Exception {
        Instant now = Instant.parse("2026-12-04T09:00:00Z");
        BuildOwner elsewhere = new BuildOwner("0b5e8a3c-5f0e-4a8e-9d55-6d6f3a1b2c4d", 4242, now.minusSeconds(86_400));
        host.start(Specs.guest("goldsmith-other-machine-young",
                new DomainMark("b10", "web", now.minus(Duration.ofHours(1)), elsewhere)));
        host.start(Specs.guest("goldsmith-other-machine-old",
                new DomainMark("b11", "web", now.minus(Leftovers.FOREIGN_AGE).minusSeconds(1), elsewhere)));

        List<Leftovers.Removal> removed = new Leftovers(scratch, Clock.fixed(now, ZoneOffset.UTC))
                .sweepDomains(host, Set.of());

        assertEquals(List.of("goldsmith-other-machine-old"), removed.stream().map(Leftovers.Removal::what).toList());
        assertTrue(host.domainNames().contains("goldsmith-other-machine-young"));
    }

    private static BuildOwner ownerOf(Process process) {
        BuildOwner self = BuildOwner.current();
        Instant started = process.info().startInstant().map(i -> Instant.ofEpochMilli(i.toEpochMilli()))
                .orElseThrow();
        return new BuildOwner(self.boot(), process.pid(), started);
    }

    @Test
    void missingScratchDirectoryHasNothingToSweep() throws Exception {
        assertEquals(List.of(), new Leftovers(scratch.resolve("absent")).sweepScratch(Set.of()));
    }
}
