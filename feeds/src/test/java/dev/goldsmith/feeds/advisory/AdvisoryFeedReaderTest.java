package dev.goldsmith.feeds.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.http.HttpFetcher;
import dev.goldsmith.feeds.poll.FeedPoller;
import dev.goldsmith.feeds.poll.Poll;
import dev.goldsmith.feeds.testing.StaticFileServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisoryFeedReaderTest {

    private static final String ALSA = "ALSA-2024:3163.json";

    @TempDir
    Path dir;

    private Path served;
    private StaticFileServer server;
    private HttpFetcher fetcher;
    private FeedPoller poller;

    @BeforeEach
    void serve() throws IOException {
        served = Files.createDirectories(dir.resolve("www"));
        server = new StaticFileServer(served);
        fetcher = new HttpFetcher(Duration.ofSeconds(10), 64 << 20);
        poller = new FeedPoller(dir.resolve("state"), fetcher, 64 << 20, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void ecosystemZipYieldsNewAdvisoriesThenNothingWhileUnchangedThenTheUpdatedOne() throws Exception {
        Path almalinux8 = Fixtures.osv("almalinux/almalinux8");
        zip(almalinux8, served.resolve("almalinux.zip"), null);
        AdvisoryFeedReader reader = AdvisoryFeedReader.fetching(AdvisoryFormat.OSV, server.uri("almalinux.zip"));

        Poll first = poller.poll("alma-osv", reader);
        first.commit();
        Poll unchanged = poller.poll("alma-osv", reader);
        unchanged.commit();
        zip(almalinux8, served.resolve("almalinux.zip"), ALSA);
        Poll updated = poller.poll("alma-osv", reader);

        assertEquals(Fixtures.filesBelow(almalinux8, ".json").size(), first.newAdvisories().size());
        assertTrue(unchanged.unchanged());
        assertEquals(0, updated.newAdvisories().size());
        assertEquals(1, updated.updatedAdvisories().size());
        assertEquals("ALSA-2024:3163", updated.updatedAdvisories().get(0).advisoryId());
    }

    @Test
    void fileWithAnUnknownEcosystemYieldsNoFactsAndNamesFeedAndFile() throws Exception {
        Path local = Files.createDirectories(dir.resolve("osv"));
        Files.copy(Fixtures.osv("almalinux/almalinux8/" + ALSA), local.resolve(ALSA));
        Files.writeString(local.resolve("ZZ-1.json"), Files.readString(local.resolve(ALSA))
                .replace("\"AlmaLinux:8\"", "\"Plan9:4\"").replace("ALSA-2024:3163", "ZZ-1"));

        FeedException e = assertThrows(FeedException.class,
                () -> poller.poll("osv-local", AdvisoryFeedReader.local(AdvisoryFormat.OSV, local)));

        assertEquals(FeedException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("ZZ-1.json") && e.getMessage().contains("Plan9"), e.getMessage());
        assertTrue(e.getMessage().contains("osv-local"), e.getMessage());
        assertTrue(poller.state("osv-local").degraded());
    }

    /** Zips every advisory of {@code from}; the one named {@code touched} gets a later modified time. */
    private static void zip(Path from, Path to, String touched) throws IOException {
        try (OutputStream file = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Path json : Fixtures.filesBelow(from, ".json")) {
                String text = Files.readString(json);
                if (json.getFileName().toString().equals(touched)) {
                    text = text.replaceFirst("\"modified\":\\s*\"[^\"]+\"", "\"modified\": \"2026-12-01T00:00:00Z\"");
                }
                zip.putNextEntry(new ZipEntry(json.getFileName().toString()));
                zip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
