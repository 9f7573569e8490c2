package dev.goldsmith.builders.build;

import dev.goldsmith.builders.process.FakePrograms;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Plays the parts of a build that need real programs and a real guest, for tests on libvirt's test driver: programs
 * that write the files the real ones would, and guests that, once their domain runs, write a console report and
 * power off (the test driver's domains never stop by themselves). The module's test jar carries it to the routes
 * module, whose tests drive the same builds through the running service.
 */
public final class FakeGuests implements BuildListener {

    /** The programs {@link #programs()} has. */
    public static final Set<String> INSTALLED = Set.of("mmdebstrap", "mke2fs", "qemu-img", "xorriso",
            "virt-customize", "virt-get-kernel");

    /**
     * Returns programs that make a base tree, disks and ISOs as files with a few bytes in them, and prepare a vendor
     * cloud image as {@code virt-customize} and {@code virt-get-kernel} would.
     */
    public static FakePrograms programs() {
        return programsWithout();
    }

    /** Returns {@link #programs()} as on a machine where {@code missing} are not installed. */
    public static FakePrograms programsWithout(String... missing) {
        Set<String> installed = new HashSet<>(INSTALLED);
        List.of(missing).forEach(installed::remove);
        // mke2fs writes no file system: the raw disks it leaves are gigabytes of holes, copied as holes below.
        Set<Path> emptyDisks = ConcurrentHashMap.newKeySet();
        return new FakePrograms(installed)
                .on("virt-get-kernel", (command, dir) -> {
                    Path out = Path.of(command.get(command.indexOf("-o") + 1));
                    Files.writeString(out.resolve("vmlinuz"), "kernel 5.14.0-427.el9.x86_64");
                    Files.writeString(out.resolve("initramfs.img"), "initramfs 5.14.0-427.el9.x86_64");
                    return FakePrograms.ok(command);
                })
                .on("mmdebstrap", (command, dir) -> {
                    Path tree = Path.of(command.stream().filter(a -> a.endsWith("/tree")).findFirst().orElseThrow());
                    Files.createDirectories(tree.resolve("boot"));
                    Files.writeString(tree.resolve("boot/vmlinuz-6.1.0-9-amd64"), "kernel");
                    Files.writeString(tree.resolve("boot/initrd.img-6.1.0-9-amd64"), "initrd");
                    return FakePrograms.ok(command);
                })
                .on("mke2fs", (command, dir) -> {
                    emptyDisks.add(Path.of(command.get(command.size() - 1)));
                    return FakePrograms.ok(command);
                })
                .on("qemu-img", (command, dir) -> {
                    Path last = Path.of(command.get(command.size() - 1));
                    Path source = Path.of(command.get(command.size() - 2));
                    if (command.get(1).equals("convert") && emptyDisks.contains(source)) {
                        try (RandomAccessFile copy = new RandomAccessFile(last.toFile(), "rw")) {
                            copy.setLength(Files.size(source));
                        }
                    } else if (command.get(1).equals("convert")) {
                        Files.copy(source, last, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.writeString(last, "QFI\u00fb overlay of " + command.get(command.indexOf("-b") + 1));
                    }
                    return FakePrograms.ok(command);
                })
                .on("xorriso", (command, dir) -> {
                    Files.writeString(Path.of(command.get(command.indexOf("-o") + 1)), "CD001");
                    return FakePrograms.ok(command);
                });
    }

    /** The console of a guest that {@link #hangs}: nothing, ever. */
    private static final String HANGS = "\0hangs";

    private final Path scratchDir;
    private final String image;
    private final Map<String, String> consoles = new ConcurrentHashMap<>();
    private final Map<String, String> domainXml = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> running = new ConcurrentHashMap<>();

    public FakeGuests(Path scratchDir, String image) {
        this.scratchDir = scratchDir;
        this.image = image;
    }

    /** Makes the guest of {@code step} ({@code build-vm}, {@code qa-vm}) write {@code console} and power off. */
    public FakeGuests plays(String step, String console) {
        consoles.put(step, console);
        return this;
    }

    /** Makes the guest of {@code step} run and never report nor power off, as a guest that hangs does. */
    public FakeGuests hangs(String step) {
        return plays(step, HANGS);
    }

    /** Waits until the guest of {@code step} runs; false when it did not within {@code patience}. */
    public boolean awaitRunning(String step, Duration patience) throws InterruptedException {
        return latch(step).await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CountDownLatch latch(String step) {
        return running.computeIfAbsent(step, s -> new CountDownLatch(1));
    }

    @Override
    public void stepStarted(String buildId, String step) {
        String console = consoles.get(step);
        if (console == null) {
            return;
        }
        String role = step.equals("build-vm") ? "build" : "qa";
        String domain = dev.goldsmith.builders.libvirt.DomainSpec.nameFor(image, buildId, role);
        Path file = scratchDir.resolve("goldsmith-" + image + "-" + buildId).resolve(role + ".console");
        Thread guest = new Thread(() -> play(step, domain, file, console), "fake-guest-" + role);
        guest.setDaemon(true);
        guest.start();
    }

    /** Returns the libvirt XML of the domain the guest of {@code step} played, once it powered off. */
    public String domainXml(String step) {
        return domainXml.get(step);
    }

    private void play(String step, String domain, Path consoleFile, String console) {
        try {
            Connect daemon = new Connect("test:///default");
            try {
                Domain d = null;
                for (int i = 0; i < 400 && d == null; i++) {
                    d = lookup(daemon, domain);
                    if (d == null) {
                        Thread.sleep(25);
                    }
                }
                if (d == null) {
                    return;
                }
                domainXml.put(step, d.getXMLDesc(0));
                latch(step).countDown();
                if (console.equals(HANGS)) {
                    d.free();
                    return;
                }
                Files.writeString(consoleFile, console, StandardCharsets.UTF_8);
                d.destroy();
                d.free();
            } finally {
                daemon.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("fake guest " + domain + " failed", e);
        }
    }

    private static Domain lookup(Connect daemon, String name) {
        try {
            return daemon.domainLookupByName(name);
        } catch (LibvirtException e) {
            return null;
        }
    }

    /** Returns a console on which the agent ran every step and listed {@code packages} (name, version pairs). */
    public static String provisioned(List<String> steps, Map<String, String> packages) {
        StringBuilder text = new StringBuilder("[    0.000000] Linux version 6.1.0-9-amd64\n")
                .append("GOLDSMITH-AGENT {\"version\":1}\n");
        steps.forEach(s -> text.append("GOLDSMITH-RESULT {\"step\":\"").append(s)
                .append("\",\"status\":0,\"seconds\":1}\n"));
        text.append("GOLDSMITH-PACKAGES-BEGIN {\"format\":\"dpkg\"}\n");
        packages.forEach((name, version) -> text.append("GOLDSMITH-PKG ").append(name).append('\t').append(version)
                .append("\tamd64\t").append(name).append('\t').append(version).append('\n'));
        return done(text, steps, packages);
    }

    /**
     * Returns a console on which the agent of an RPM guest ran every step and listed {@code packages} (name and
     * {@code VERSION-RELEASE} pairs), each built from a source RPM of its own name.
     */
    public static String provisionedRpm(List<String> steps, Map<String, String> packages) {
        StringBuilder text = new StringBuilder("[    0.000000] Linux version 5.14.0-427.el9.x86_64\n")
                .append("GOLDSMITH-AGENT {\"version\":1}\n");
        steps.forEach(s -> text.append("GOLDSMITH-RESULT {\"step\":\"").append(s)
                .append("\",\"status\":0,\"seconds\":1}\n"));
        text.append("GOLDSMITH-PACKAGES-BEGIN {\"format\":\"rpm\"}\n");
        packages.forEach((name, version) -> text.append("GOLDSMITH-PKG ").append(name).append('\t').append(version)
                .append("\tx86_64\t").append(name).append('-').append(version).append(".src.rpm\t\n"));
        return done(text, steps, packages);
    }

    private static String done(StringBuilder text, List<String> steps, Map<String, String> packages) {
        text.append("GOLDSMITH-PACKAGES-END {\"count\":").append(packages.size()).append("}\n");
        return text.append("GOLDSMITH-DONE {\"status\":0,\"steps\":").append(steps.size()).append(",\"seconds\":9}\n")
                .toString();
    }
}
