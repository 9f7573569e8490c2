package dev.goldsmith.builders.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
                "goldsmith-left-running-defined")) {
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
    void missingScratchDirectoryHasNothingToSweep() throws Exception {
        assertEquals(List.of(), new Leftovers(scratch.resolve("absent")).sweepScratch(Set.of()));
    }
}
