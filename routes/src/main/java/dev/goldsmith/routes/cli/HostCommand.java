package dev.goldsmith.routes.cli;

import dev.goldsmith.builders.host.CheckItem;
import dev.goldsmith.builders.host.HostCheck;
import dev.goldsmith.builders.host.HostReport;
import dev.goldsmith.builders.host.HostSetup;
import dev.goldsmith.builders.host.SetupException;
import dev.goldsmith.builders.libvirt.KvmVerdictFile;
import dev.goldsmith.routes.config.BuilderHostConfig;
import dev.goldsmith.routes.config.ConfigException;
import dev.goldsmith.routes.config.ConfigLoader;
import dev.goldsmith.routes.config.GoldsmithConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code goldsmith host}: readies this machine for building images. {@code check} lists what is missing, with the
 * Debian package or action that fixes each item; {@code setup} (as root) installs and starts it.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        subcommands = {HostCommand.Check.class, HostCommand.Setup.class},
        description = "Checks and prepares this machine for building images in VMs through libvirt.")
public class HostCommand implements Runnable {

    /** Exit code when everything is there, or setup finished. */
    public static final int OK = 0;
    /** Exit code when something is missing, or setup failed or was refused. */
    public static final int MISSING = 1;
    /** Exit code when the configuration cannot be read; picocli uses it for usage errors too. */
    public static final int UNREADABLE = 2;

    /** The machine the commands look at and change; tests give one built from fakes and a temporary tree. */
    interface Machine {
        HostCheck check();

        HostSetup setup(Path libvirtStateDir);
    }

    private static final Machine THIS_MACHINE = new Machine() {
        @Override
        public HostCheck check() {
            return HostCheck.ofThisMachine();
        }

        @Override
        public HostSetup setup(Path libvirtStateDir) {
            return HostSetup.ofThisMachine(libvirtStateDir);
        }
    };

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final Machine machine;

    /** Creates the command for this machine, reading overrides from the process environment. */
    public HostCommand() {
        this(System.getenv(), THIS_MACHINE);
    }

    HostCommand(Map<String, String> env, Machine machine) {
        this.env = Map.copyOf(env);
        this.machine = machine;
    }

    /** Reports that a subcommand is needed. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: check or setup");
    }

    /** Loads the configuration, printing its problems on failure; returns null then. */
    private GoldsmithConfig load(Path file, PrintWriter err) {
        try {
            return ConfigLoader.load(file, env);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return null;
        }
    }

    /** {@code goldsmith host check [--uri URI]}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {
                "Lists what this machine needs for building images and whether it is there: programs, the libvirt"
                        + " client library and QEMU driver, the libvirt-qemu user and group, a libvirt connection"
                        + " that answers at each configured builder URI (or --uri), and /dev/kvm.",
                "Without --uri it also shows the KVM verdict the last probe stored for each builder host.",
                "Each missing item names the Debian package or the action that fixes it."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {
                "0:everything required is there",
                "1:something required is missing",
                "2:the configuration cannot be read, or the command line is wrong"})
    static final class Check implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private HostCommand parent;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
                description = "The configuration naming the builder hosts (default: ${DEFAULT-VALUE}).")
        private Path config;

        @Option(names = "--uri", paramLabel = "URI",
                description = "Check this libvirt URI instead of the configured builder hosts.")
        private String uri;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> uris;
            GoldsmithConfig loaded = null;
            if (uri != null) {
                uris = List.of(uri);
            } else {
                loaded = parent.load(config, err);
                if (loaded == null) {
                    return UNREADABLE;
                }
                uris = loaded.builders().stream().map(BuilderHostConfig::uri).distinct().toList();
            }
            HostReport report = parent.machine.check().check(uris);
            for (CheckItem item : report.items()) {
                out.println(item.line());
            }
            if (loaded != null) {
                storedVerdicts(loaded, Instant.now()).forEach(out::println);
            }
            long missing = report.items().stream().filter(i -> !i.ok() && i.required()).count();
            out.println(report.ready() ? "ready to build" : missing + " missing; 'goldsmith host setup' (as root)"
                    + " installs and starts what it can");
            out.flush();
            return report.ready() ? OK : MISSING;
        }
    }

    /**
     * Returns one line per configured builder host saying which KVM verdict the last probe stored for it, read from
     * the state directory; nothing is probed here.
     */
    static List<String> storedVerdicts(GoldsmithConfig config, Instant now) {
        KvmVerdictFile file = KvmVerdictFile.under(config.stateDir());
        Map<String, KvmVerdictFile.Entry> stored;
        try {
            stored = file.read();
        } catch (IOException e) {
            return List.of(info("kvm verdicts", "unreadable, the next build probes again: " + e.getMessage()));
        }
        List<String> lines = new ArrayList<>();
        for (BuilderHostConfig builder : config.builders()) {
            KvmVerdictFile.Entry entry = stored.get(builder.name());
            String detail;
            if (entry == null) {
                detail = "none stored; the next build probes";
            } else if (!entry.uri().equals(builder.uri())) {
                detail = "stored for " + entry.uri() + ", not " + builder.uri() + "; the next build probes";
            } else {
                boolean expired = entry.decided().plus(KvmVerdictFile.MAX_AGE).isBefore(now);
                detail = entry.type().xmlName() + ", decided " + entry.decided()
                        + (expired ? " (expired; the next build probes again)" : "") + ": " + entry.reason();
            }
            lines.add(info("kvm verdict of " + builder.name(), detail));
        }
        return lines;
    }

    private static String info(String name, String detail) {
        return String.format("%-18s %-34s %s", "INFO", name, detail);
    }

    /** {@code goldsmith host setup}. */
    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = {
                "As root: installs the Debian packages for building (without libvirt-daemon-system), creates the"
                        + " libvirt-qemu user and group, writes Goldsmith's settings into /etc/libvirt/qemu.conf,"
                        + " and when no libvirtd runs and there is no systemd, starts a private libvirtd with its"
                        + " configuration and pid file under <state-dir>/libvirt, then waits until qemu:///system"
                        + " answers.",
                "Running it again on a ready host changes nothing."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {
                "0:the host is set up",
                "1:setup was refused (not root) or a step failed; the reason is printed",
                "2:the configuration cannot be read, or the command line is wrong"})
    static final class Setup implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private HostCommand parent;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                defaultValue = "${env:GOLDSMITH_CONFIG:-config/goldsmith.yaml}",
                description = "The configuration naming the state directory (default: ${DEFAULT-VALUE}).")
        private Path config;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            GoldsmithConfig loaded = parent.load(config, err);
            if (loaded == null) {
                return UNREADABLE;
            }
            try {
                parent.machine.setup(loaded.libvirtStateDir()).run(line -> {
                    out.println(line);
                    out.flush();
                });
                return OK;
            } catch (SetupException e) {
                err.println(e.getMessage());
                err.flush();
                return MISSING;
            }
        }
    }
}
