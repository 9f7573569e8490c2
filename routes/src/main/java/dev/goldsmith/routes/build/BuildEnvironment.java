package dev.goldsmith.routes.build;

import java.nio.file.Path;
import java.util.Objects;

import dev.goldsmith.builders.build.BuildListener;
import dev.goldsmith.builders.process.LocalPrograms;
import dev.goldsmith.builders.process.Programs;

/**
 * What the service's builds take from the machine they run on, beside the configuration: the programs that make
 * bases, disks and ISOs, the KVM device, the APT sources to build from, and who hears of each step. {@link #host()}
 * is the machine itself; a test on libvirt's test driver hands in programs that write what the real ones would and
 * guests that play a build VM's console.
 *
 * @param programs runs mmdebstrap, qemu-img, xorriso and the like
 * @param devKvm   the KVM device the probe looks at
 * @param sources  finds the mirror and guest sources of a release
 * @param listener hears each build step start and end
 */
record BuildEnvironment(Programs programs, Path devKvm, BuildSources.Lookup sources, BuildListener listener) {

    BuildEnvironment {
        Objects.requireNonNull(programs, "programs");
        Objects.requireNonNull(devKvm, "devKvm");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(listener, "listener");
    }

    /** Returns the machine Goldsmith runs on: its programs, {@code /dev/kvm} and its APT sources. */
    static BuildEnvironment host() {
        return new BuildEnvironment(new LocalPrograms(), Path.of("/dev/kvm"), BuildSources.fromHost(),
                BuildListener.NONE);
    }
}
