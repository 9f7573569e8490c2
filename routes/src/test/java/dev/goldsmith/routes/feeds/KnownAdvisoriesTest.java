package dev.goldsmith.routes.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.goldsmith.catalog.event.AdvisoryData;
import dev.goldsmith.feeds.advisory.AdvisoryReader;
import dev.goldsmith.feeds.snapshot.AdvisoryArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownAdvisoriesTest {

    private static final Path OSV = Path.of(System.getProperty("goldsmith.fixtures"), "osv");

    @TempDir
    Path feeds;

    @Test
    void advisoryIsFoundByIdOrByItsCveWhateverTheCase() throws Exception {
        List<AdvisoryData> advisories = new AdvisoryReader("osv").readAdvisories(OSV);
        AdvisoryArchive.write(Files.createDirectories(feeds.resolve("osv")).resolve(AdvisoryArchive.FILE),
                advisories);
        AdvisoryData sample = advisories.stream().filter(a -> !a.aliases().isEmpty()).findFirst().orElseThrow();

        KnownAdvisories known = KnownAdvisories.load(feeds);

        assertEquals(advisories.size(), known.size());
        assertEquals(List.of(sample), known.find(sample.advisoryId().toLowerCase(Locale.ROOT)));
        assertTrue(known.find(sample.aliases().get(0)).contains(sample));
        assertEquals(List.of(), known.find("CVE-1999-99999"));
    }

    @Test
    void unreadableArchiveIsNamed() throws Exception {
        Path archive = Files.createDirectories(feeds.resolve("broken")).resolve(AdvisoryArchive.FILE);
        Files.writeString(archive, "not gzip");

        KnownAdvisories known = KnownAdvisories.load(feeds);

        assertEquals(0, known.size());
        assertEquals(1, known.problems().size());
    }
}
