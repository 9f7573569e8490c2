package dev.goldsmith.feeds.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.feeds.advisory.AdvisoryReader;
import dev.goldsmith.feeds.advisory.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisoryArchiveTest {

    @TempDir
    Path dir;

    @Test
    void realOsvAndCsafAdvisoriesComeBackWhole() throws Exception {
        List<AdvisoryData> advisories = new ArrayList<>(new AdvisoryReader("osv").readAdvisories(Fixtures.osv("")));
        advisories.addAll(new AdvisoryReader("csaf").readAdvisories(Fixtures.csaf("")));
        Path file = dir.resolve(AdvisoryArchive.FILE);

        AdvisoryArchive.write(file, advisories);
        List<AdvisoryData> read = AdvisoryArchive.read(file);

        List<AdvisoryData> expected = new ArrayList<>(advisories);
        expected.sort(Comparator.comparing(AdvisoryData::advisoryId));
        assertTrue(expected.size() > 10, "fixtures hold advisories, found " + expected.size());
        assertEquals(expected, read);
    }

    @Test
    void missingArchiveReadsAsNoAdvisories() throws Exception {
        assertEquals(List.of(), AdvisoryArchive.read(dir.resolve("absent.ndjson.gz")));
    }

    @Test
    void damagedLineIsNamedWithFileAndLineNumber() throws Exception {
        Path file = dir.resolve(AdvisoryArchive.FILE);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"advisoryId\":\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        IOException refused = assertThrows(IOException.class, () -> AdvisoryArchive.read(file));

        assertTrue(refused.getMessage().startsWith(file + ":1: not an advisory"), refused.getMessage());
    }
}
