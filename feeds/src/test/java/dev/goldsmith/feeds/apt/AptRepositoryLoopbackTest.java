package dev.goldsmith.feeds.apt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Follows one repository from a sources entry to a verified Packages index, over HTTP on the loopback interface:
 * the pieces of this package composed as the watch step will compose them.
 */
class AptRepositoryLoopbackTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private byte[] packages;
    private String xzHash;

    @BeforeEach
    void serveASignedRepository() throws Exception {
        packages = Files.readAllBytes(Path.of(System.getProperty("goldsmith.fixtures"),
                "apt", "Packages.bookworm-security-main-amd64.300-stanzas.txt"));
        byte[] xz = xz(packages);
        xzHash = sha256(xz);
        String release = "Origin: Example\nSuite: stable\nCodename: example\n"
                + "Date: Thu, 03 Dec 2026 06:00:00 UTC\nValid-Until: Thu, 10 Dec 2026 06:00:00 UTC\n"
                + "Acquire-By-Hash: yes\nArchitectures: amd64\nComponents: main\nSHA256:\n"
                + " " + sha256(packages) + " " + packages.length + " main/binary-amd64/Packages\n"
                + " " + xzHash + " " + xz.length + " main/binary-amd64/Packages.xz\n";
        TestKey key = TestKey.generate();
        served.put("/debian/dists/stable/InRelease", key.clearsign(release).getBytes(StandardCharsets.UTF_8));
        served.put("/debian/dists/stable/main/binary-amd64/by-hash/SHA256/" + xzHash, xz);

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();

        Files.createDirectories(root.resolve("etc/apt/keyrings"));
        Files.writeString(root.resolve("etc/apt/keyrings/example.asc"), key.armored());
        Files.writeString(root.resolve("etc/apt/sources.list"), "deb [signed-by=/etc/apt/keyrings/example.asc] "
                + "http://127.0.0.1:" + server.getAddress().getPort() + "/debian stable main\n");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** Runs the whole chain and returns the decompressed Packages index. */
    private byte[] fetchVerifiedPackages() throws Exception {
        AptSource source = new AptSourcesReader(root).read().sources().get(0);
        String inReleaseUri = source.fileUri("InRelease");
        VerifiedText text = source.signedBy().verifier().withClock(CLOCK)
                .verifyCleartext(get(inReleaseUri), inReleaseUri);
        Release release = ReleaseParser.parse(text.text(), inReleaseUri);
        new ReleaseChecks(CLOCK).check(release, source.suite(), Instant.parse("2026-12-02T06:00:00Z"));
        IndexFile index = IndexFile.packages(release, "main", "amd64");
        String indexUri = source.fileUri(index.downloadPath());
        ChecksummedInputStream raw = new ChecksummedInputStream(get(indexUri), index, indexUri);
        try (InputStream plain = index.compression().decompress(raw, 64L << 20, indexUri)) {
            return plain.readAllBytes();
        } catch (IOException e) {
            // A damaged download is reported as such, not as whatever the decompressor made of it.
            raw.verify();
            throw e;
        }
    }

    @Test
    void fetchesAVerifiedPackagesIndexByHash() throws Exception {
        byte[] index = fetchVerifiedPackages();

        assertArrayEquals(packages, index);
    }

    @Test
    void anotherValidIndexInPlaceOfTheSignedOneFailsWithChecksum() throws Exception {
        String path = "/debian/dists/stable/main/binary-amd64/by-hash/SHA256/" + xzHash;
        byte[] other = xz(new String(packages, StandardCharsets.UTF_8).replace("Version: ", "Version: 9")
                .getBytes(StandardCharsets.UTF_8));
        served.put(path, other);

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, this::fetchVerifiedPackages);

        assertEquals(FeedException.Kind.CHECKSUM, e.feedException().kind());
        assertEquals("http://127.0.0.1:" + server.getAddress().getPort() + path, e.feedException().source());
    }

    @Test
    void aDamagedIndexIsReportedAsChecksumRatherThanAsADecompressionError() throws Exception {
        String path = "/debian/dists/stable/main/binary-amd64/by-hash/SHA256/" + xzHash;
        byte[] damaged = served.get(path).clone();
        damaged[damaged.length / 2] ^= 0x20;
        served.put(path, damaged);

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, this::fetchVerifiedPackages);

        assertEquals("http://127.0.0.1:" + server.getAddress().getPort() + path + ": SHA256 mismatch: expected "
                + xzHash + ", got " + sha256(damaged), e.getMessage());
    }

    private InputStream get(String uri) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException(uri + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1))) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
