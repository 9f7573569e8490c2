package dev.goldsmith.builders.libvirt;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Domain specs for tests; libvirt's test driver never opens the files they name. */
final class Specs {

    static final Instant CREATED = Instant.parse("2024-05-01T10:15:30Z");

    private Specs() {
    }

    static DomainSpec guest(String name, String buildId) {
        return guest(name, DomainMark.ours(buildId, "debian-12-minimal", CREATED));
    }

    static DomainSpec guest(String name, DomainMark mark) {
        return new DomainSpec(name, DomainType.QEMU, 512, 1,
                new DomainSpec.DirectBoot(Path.of("/srv/base/vmlinuz"), Path.of("/srv/base/initrd.img"),
                        "console=ttyS0 root=/dev/vda"),
                Path.of("/srv/scratch/" + name + ".qcow2"), List.of(), Path.of("/srv/scratch/" + name + ".console"),
                Networking.USER, mark);
    }

    /** Returns XML of a domain that has Goldsmith's name prefix but no Goldsmith metadata. */
    static String unmarked(String name) {
        return "<domain type='test'><name>" + name + "</name><memory unit='MiB'>64</memory>"
                + "<os><type arch='x86_64'>hvm</type></os></domain>";
    }
}
