package dev.goldsmith.builders.build;

import dev.goldsmith.builders.agent.Agent;
import dev.goldsmith.builders.libvirt.DiskFormat;
import dev.goldsmith.builders.libvirt.DomainMark;
import dev.goldsmith.builders.libvirt.DomainSpec;
import dev.goldsmith.builders.libvirt.HostException;
import dev.goldsmith.builders.libvirt.LibvirtHost;
import dev.goldsmith.builders.libvirt.Networking;
import dev.goldsmith.builders.step.BuildStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A step that boots one throwaway guest (the build VM or the QA VM) and waits, up to its hard timeout, for the
 * agent to power it off. The guest boots the base's kernel directly with the agent's kernel argument, has its
 * overlay as its only writable disk, the provisioning disk read-only, its serial console in a file and user-mode
 * networking only. Its cleanup destroys the domain, which is transient, so nothing of it is left in libvirt.
 */
final class GuestRun implements BuildStep<BuildContext> {

    private final String name;
    private final String role;
    private final Function<BuildContext, Path> overlay;
    private final Function<BuildContext, Path> disk;
    private final Function<BuildContext, Path> console;
    private final Function<BuildContext, Duration> timeout;
    private volatile String domain;

    GuestRun(String name, String role, Function<BuildContext, Path> overlay, Function<BuildContext, Path> disk,
            Function<BuildContext, Path> console, Function<BuildContext, Duration> timeout) {
        this.name = name;
        this.role = role;
        this.overlay = overlay;
        this.disk = disk;
        this.console = console;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Returns the kernel command line of a guest booted from {@code kernelRoot}, such as root=LABEL=goldsmith-root.
     * The serial getty is masked for this boot only: when it starts on ttyS0 it hangs up the terminal, and every
     * report the agent or the QA suite was writing there was lost (seen as a build whose agent "stopped reporting"
     * and as QA checks without a result). The artifact itself keeps its getty.
     */
    static String cmdline(String kernelRoot) {
        return kernelRoot + " console=ttyS0 " + Agent.KERNEL_ARGUMENT + " systemd.mask=serial-getty@ttyS0.service"
                + " panic=-1";
    }

    /** Returns the domain spec of this step's guest. */
    DomainSpec spec(BuildContext ctx) {
        String domainName = DomainSpec.nameFor(ctx.request.image(), ctx.buildId, role);
        return new DomainSpec(domainName, ctx.domainType, ctx.settings.memoryMib(), ctx.settings.vcpus(),
                new DomainSpec.DirectBoot(ctx.base.kernel(), ctx.base.initrd(), cmdline(ctx.base.info().kernelRoot())),
                overlay.apply(ctx), List.of(new DomainSpec.ReadOnlyDisk(disk.apply(ctx), DiskFormat.RAW, null)),
                console.apply(ctx), Networking.USER, DomainMark.ours(ctx.buildId, ctx.request.image(), Instant.now()));
    }

    @Override
    public void run(BuildContext ctx) throws Exception {
        DomainSpec spec = spec(ctx);
        LibvirtHost host = ctx.lease.host();
        Duration limit = timeout.apply(ctx);
        domain = spec.name();
        host.start(spec);
        if (host.awaitShutoff(spec.name(), limit) == LibvirtHost.Wait.DEADLINE_PASSED) {
            String why;
            try {
                host.state(spec.name());
                why = " did not power off within " + limit + lastLine(spec.consoleLog());
            } catch (HostException e) {
                why = " could not be followed to its end within " + limit + ": " + e.getMessage();
            }
            throw new GuestTimeoutException("the " + role + " VM " + spec.name() + " on host " + host.name() + why);
        }
    }

    @Override
    public void cleanup(BuildContext ctx) throws Exception {
        if (domain != null && ctx.lease != null) {
            ctx.lease.host().destroy(domain);
        }
    }

    /** Returns ", its console's last line: ..." or a note that the console stayed empty. */
    static String lastLine(Path consoleFile) {
        try {
            if (!Files.exists(consoleFile)) {
                return "; it wrote nothing to its console";
            }
            String text = new String(Files.readAllBytes(consoleFile), StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "; it wrote nothing to its console";
            }
            String[] lines = text.split("\r?\n");
            String last = lines[lines.length - 1].strip();
            return "; its console's last line: " + (last.length() > 300 ? last.substring(0, 300) + "..." : last);
        } catch (IOException e) {
            return "; its console could not be read: " + e.getMessage();
        }
    }

    /** A guest ran past its hard timeout and was destroyed. */
    static final class GuestTimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        GuestTimeoutException(String message) {
            super(message);
        }
    }
}
