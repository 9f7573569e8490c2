package dev.goldsmith.builders.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Goldsmith process a build's domains and scratch files belong to: the boot of the machine it runs on
 * ({@code /proc/sys/kernel/random/boot_id}), its pid, and when it started, so a pid the kernel gave out again is
 * not mistaken for it.
 *
 * <p>Several Goldsmith processes may share one libvirt host and one scratch directory: the service and an operator's
 * {@code goldsmith build}, or two instances in one consumer group. The leftovers sweep of one must not take what a
 * build of another is still using; it asks {@link #state()} whether the owner still runs.
 *
 * @param boot    the boot id of the machine the process runs on
 * @param pid     its process id
 * @param started when it started, to the millisecond
 */
public record BuildOwner(String boot, long pid, Instant started) {

    /** Where Linux keeps the id of the current boot. */
    static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private static final Pattern TEXT = Pattern.compile("([0-9a-f-]{1,64}|unknown)/([0-9]{1,10})/([0-9]{1,16})");
    private static final BuildOwner CURRENT = new BuildOwner(bootId(),
            ProcessHandle.current().pid(), startOf(ProcessHandle.current()).orElse(Instant.EPOCH));

    /** Whether an owner still runs, as far as this process can tell. */
    public enum State {
        /** This very process. */
        THIS_PROCESS,
        /** Another process on this machine that still runs. */
        RUNNING,
        /** A process of this machine's current boot that has ended. */
        ENDED,
        /** A process of another machine, or of an earlier boot of this one: its liveness cannot be checked here. */
        ELSEWHERE
    }

    /** Returns the owner that stands for this process. */
    public static BuildOwner current() {
        return CURRENT;
    }

    /** Returns whether this owner is this process, another running one, an ended one, or one not of this boot. */
    public State state() {
        if (equals(CURRENT)) {
            return State.THIS_PROCESS;
        }
        if (!boot.equals(CURRENT.boot) || boot.equals("unknown")) {
            return State.ELSEWHERE;
        }
        return ProcessHandle.of(pid).flatMap(BuildOwner::startOf).filter(started::equals).isPresent()
                ? State.RUNNING : State.ENDED;
    }

    /** Returns the owner as one word, {@code boot/pid/started-millis}, as domain metadata and scratch files hold it. */
    @Override
    public String toString() {
        return boot + "/" + pid + "/" + started.toEpochMilli();
    }

    /** Reads an owner written by {@link #toString()}; empty when {@code text} is not one. */
    public static Optional<BuildOwner> parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BuildOwner(m.group(1), Long.parseLong(m.group(2)),
                Instant.ofEpochMilli(Long.parseLong(m.group(3)))));
    }

    private static Optional<Instant> startOf(ProcessHandle process) {
        return process.info().startInstant().map(i -> Instant.ofEpochMilli(i.toEpochMilli()));
    }

    private static String bootId() {
        try {
            return Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
