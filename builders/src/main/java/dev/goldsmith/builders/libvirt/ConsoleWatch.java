package dev.goldsmith.builders.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Watches a guest's serial console file for one of a few markers while the guest runs, until a deadline. Reads only
 * what was appended since the last look, keeping a short tail so a marker split between two reads is still seen.
 */
final class ConsoleWatch {

    private static final int TAIL = 4096;

    /** How a watch ended. */
    enum Outcome {
        /** A marker appeared on the console. */
        SEEN,
        /** The guest stopped without printing a marker. */
        STOPPED,
        /** The deadline passed with the guest still running and no marker. */
        DEADLINE_PASSED
    }

    /**
     * What a watch found.
     *
     * @param outcome  how it ended
     * @param elapsed  how long it watched
     * @param lastLine the last complete console line read, for messages; empty when none
     */
    record Result(Outcome outcome, Duration elapsed, String lastLine) {
    }

    private final List<String> markers;
    private final Duration pollInterval;

    ConsoleWatch(List<String> markers, Duration pollInterval) {
        this.markers = List.copyOf(markers);
        this.pollInterval = pollInterval;
    }

    /** Watches {@code console} while {@code domain} runs on {@code host}, for at most {@code deadline}. */
    Result watch(LibvirtHost host, String domain, Path console, Duration deadline)
            throws HostException, InterruptedException, IOException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        long offset = 0;
        Scan scan = new Scan(markers);
        while (true) {
            boolean running = host.isRunning(domain);
            // Read after asking for the state, so output written just before the guest stopped is not missed.
            byte[] fresh = readFrom(console, offset);
            offset += fresh.length;
            boolean seen = scan.feed(new String(fresh, StandardCharsets.UTF_8));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (seen) {
                return new Result(Outcome.SEEN, elapsed, scan.lastLine());
            }
            if (!running) {
                return new Result(Outcome.STOPPED, elapsed, scan.lastLine());
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return new Result(Outcome.DEADLINE_PASSED, elapsed, scan.lastLine());
            }
            Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
        }
    }

    /** Looks for markers in text that arrives in pieces, keeping a few KiB so a marker split in two is found. */
    static final class Scan {

        private final List<String> markers;
        private String tail = "";

        Scan(List<String> markers) {
            this.markers = markers;
        }

        /** Adds the next piece of console output; returns whether a marker has appeared. */
        boolean feed(String piece) {
            String text = tail + piece;
            tail = text.length() <= TAIL ? text : text.substring(text.length() - TAIL);
            return markers.stream().anyMatch(text::contains);
        }

        /** Returns the last non-blank console line seen, without surrounding blanks. */
        String lastLine() {
            String[] lines = tail.strip().split("\r?\n");
            return lines[lines.length - 1].strip();
        }
    }

    private static byte[] readFrom(Path console, long offset) throws IOException {
        try (InputStream in = Files.newInputStream(console)) {
            in.skipNBytes(Math.min(offset, Files.size(console)));
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }
}
