package dev.goldsmith.catalog.impact;

import dev.goldsmith.catalog.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The file that keeps the rebuild planner's state across restarts. A write goes to a temporary file beside it, is
 * forced to disk, and is then renamed over the old file (and the directory forced too), so a crash at any moment
 * leaves the old state or the new one whole, and a write that returned survives a power cut. Callers write before
 * they commit the offsets of the facts the state absorbed.
 */
public final class PlannerStateFile {

    private final Path file;

    public PlannerStateFile(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    /** Returns the path of the state file. */
    public Path path() {
        return file;
    }

    /**
     * Returns the state last written, or empty when none was ever written.
     *
     * @throws IOException naming the file when it cannot be read or does not hold a planner state
     */
    public Optional<PlannerState> read() throws IOException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(PlannerState.fromJson(json, file.toString()));
    }

    /** Replaces the state on disk with {@code state}, durably, creating the directory when needed. */
    public void write(PlannerState state) throws IOException {
        AtomicFile.write(file, state.toJson());
    }

    /** Forces the directory entry of the rename to disk; some file systems cannot open a directory, which is fine. */
}
