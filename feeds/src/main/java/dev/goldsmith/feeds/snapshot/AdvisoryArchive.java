package dev.goldsmith.feeds.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.catalog.io.AtomicFile;

/**
 * The advisories an advisory feed carried at its last good poll, whole, one JSON object per line, gzip-compressed.
 * The snapshot ({@link AdvisorySnapshot}) only remembers revisions to find what changed; this keeps the content, so
 * a preview can look an advisory up by id and a restarted planner or a QA check knows every advisory without
 * waiting for the next poll.
 */
public final class AdvisoryArchive {

    /** The file name next to the feed's snapshot. */
    public static final String FILE = "advisories.ndjson.gz";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private AdvisoryArchive() {
    }

    /** Writes {@code advisories}, ordered by id, to {@code file} atomically. */
    public static void write(Path file, Collection<AdvisoryData> advisories) throws IOException {
        List<AdvisoryData> ordered = new ArrayList<>(advisories);
        ordered.sort(Comparator.comparing(AdvisoryData::advisoryId));
        AtomicFile.write(file, out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024);
            for (AdvisoryData advisory : ordered) {
                JSON.writeValue(gzip, advisory);
                gzip.write('\n');
            }
            gzip.finish();
        });
    }

    /** Reads an archive written by {@link #write}; a missing file reads as no advisories. */
    public static List<AdvisoryData> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<AdvisoryData> advisories = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 64 * 1024), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                try {
                    advisories.add(JSON.readValue(line, AdvisoryData.class));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IOException(file + ":" + number + ": not an advisory: " + e.getMessage(), e);
                }
            }
        }
        return advisories;
    }
}
