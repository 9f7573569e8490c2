package dev.goldsmith.feeds.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.goldsmith.catalog.event.PackageData;
import dev.goldsmith.feeds.Cancellation;
import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.Compression;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class PackagesParserTest {

    static final String MAIN = "Packages.bookworm-main-amd64.2000-stanzas.txt";
    static final String SECURITY = "Packages.bookworm-security-main-amd64.300-stanzas.txt";

    @Test
    void readsAllTwoThousandStanzasOfTheBookwormMainExcerptAsASimpleSplitDoes() throws Exception {
        String text = fixture(MAIN);

        List<PackageStanza> stanzas = parse(text);

        assertEquals(2000, stanzas.size());
        assertSameStanzas(expectedBySplitting(text), stanzas);
    }

    @Test
    void readsAllThreeHundredStanzasOfTheBookwormSecurityExcerptAsASimpleSplitDoes() throws Exception {
        String text = fixture(SECURITY);

        List<PackageStanza> stanzas = parse(text);

        assertEquals(300, stanzas.size());
        assertSameStanzas(expectedBySplitting(text), stanzas);
    }

    @Test
    void cancellingStopsBeforeTheNextStanza() throws Exception {
        Cancellation cancellation = new Cancellation();
        List<PackageStanza> seen = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(fixture(MAIN).getBytes(StandardCharsets.UTF_8));

        FeedException e = assertThrows(FeedException.class, () -> PackagesParser.parse(in, "test/Packages",
                cancellation, stanza -> {
                    seen.add(stanza);
                    if (seen.size() == 10) {
                        cancellation.cancel("Goldsmith is stopping");
                    }
                }));

        assertEquals(FeedException.Kind.CANCELLED, e.kind());
        assertEquals("test/Packages: cancelled: Goldsmith is stopping", e.getMessage());
        assertEquals(10, seen.size(), "no stanza after the cancellation");
    }

    @Test
    void takesSourceAndSourceVersionFromTheBinaryWhenTheStanzaHasNoSource() throws Exception {
        PackageStanza zeroAd = find(parse(fixture(MAIN)), "0ad");

        assertEquals(new PackageStanza("0ad", "0.0.26-3", "amd64", "0ad", "0.0.26-3",
                "pool/main/0/0ad/0ad_0.0.26-3_amd64.deb", 7891488,
                "3a2118df47bf3f04285649f0455c2fc6fe2dc7f0b237073038aa00af41f0d5f2",
                "0ad-data (>= 0.0.26), 0ad-data (<= 0.0.26-3), 0ad-data-common (>= 0.0.26), 0ad-data-common"
                        + " (<= 0.0.26-3), libboost-filesystem1.74.0 (>= 1.74.0), libc6 (>= 2.34), libcurl3-gnutls"
                        + " (>= 7.32.0), libenet7, libfmt9 (>= 9.1.0+ds1), libfreetype6 (>= 2.2.1), libgcc-s1"
                        + " (>= 3.4), libgloox18 (>= 1.0.24), libicu72 (>= 72.1~rc-1~), libminiupnpc17"
                        + " (>= 1.9.20140610), libopenal1 (>= 1.14), libpng16-16 (>= 1.6.2-1), libsdl2-2.0-0"
                        + " (>= 2.0.12), libsodium23 (>= 1.0.14), libstdc++6 (>= 12), libvorbisfile3 (>= 1.1.2),"
                        + " libwxbase3.2-1 (>= 3.2.1+dfsg), libwxgtk-gl3.2-1 (>= 3.2.1+dfsg), libwxgtk3.2-1"
                        + " (>= 3.2.1+dfsg-2), libx11-6, libxml2 (>= 2.9.0), zlib1g (>= 1:1.2.0)",
                "dpkg (>= 1.15.6~)"), zeroAd);
    }

    @Test
    void takesTheSourceVersionInParenthesesWhenItDiffersFromTheBinaryVersion() throws Exception {
        PackageStanza affiche = find(parse(fixture(MAIN)), "affiche.app");

        assertEquals("affiche", affiche.sourceName());
        assertEquals("0.6.0-11", affiche.sourceVersion());
        assertEquals("0.6.0-11+b3", affiche.version());
        assertEquals("pool/main/a/affiche/affiche.app_0.6.0-11+b3_amd64.deb", affiche.filename());
        assertEquals(55112, affiche.size());
        assertEquals("3abaaa65f44d1cd615c0e345a6571847504543e4b41435935e07509288a989c7", affiche.sha256());
        assertNull(affiche.preDepends());
    }

    @Test
    void takesABareSourceNameWithTheBinaryVersion() throws Exception {
        PackageStanza accessodf = find(parse(fixture(MAIN)), "libaccessodf-java");

        assertEquals("accessodf", accessodf.sourceName());
        assertEquals("0.1.1~b-3", accessodf.sourceVersion());
        assertEquals("all", accessodf.architecture());
        assertEquals("libcommons-collections3-java, libridl-java, libjurt-java, libjuh-java, libunoil-java,"
                + " libreoffice-java-common, libreoffice-writer", accessodf.depends());
    }

    @Test
    void keepsTheEpochOfASecuritySourceVersion() throws Exception {
        PackageStanza telnetd = find(parse(fixture(SECURITY)), "telnetd");

        assertEquals(new PackageStanza("telnetd", "0.17+2.4-2+deb12u3", "all", "inetutils", "2:2.4-2+deb12u3",
                "pool/updates/main/i/inetutils/telnetd_0.17+2.4-2+deb12u3_all.deb", 41976,
                "f42e33571dc42e65d6755738302f9c12250594376c2082f71e48fceda19dcd74",
                "inetutils-telnetd, update-inetd", null), telnetd);
    }

    @Test
    void convertsToThePackagePublishedPayload() throws Exception {
        PackageStanza telnetd = find(parse(fixture(SECURITY)), "telnetd");

        PackageData data = telnetd.toPackageData("debian-security", "debian-12");

        assertEquals(new PackageData("debian-security", "debian-12", "telnetd", "0.17+2.4-2+deb12u3", "all",
                "inetutils", "2:2.4-2+deb12u3", new PackageData.PackageFile(
                        "pool/updates/main/i/inetutils/telnetd_0.17+2.4-2+deb12u3_all.deb", 41976,
                        "f42e33571dc42e65d6755738302f9c12250594376c2082f71e48fceda19dcd74")), data);
    }

    @Test
    void readsTheSameWhateverChunksTheStreamDeliversBytesIn() throws Exception {
        byte[] bytes = fixture(MAIN).getBytes(StandardCharsets.UTF_8);
        List<PackageStanza> whole = parse(new ByteArrayInputStream(bytes));

        // 1 to 7 bytes a read: lines and stanzas end up split across every refill of the parser's buffer.
        List<PackageStanza> trickled = parse(new TrickleInputStream(new ByteArrayInputStream(bytes)));

        assertEquals(whole, trickled);
    }

    @Test
    void readsAnXzCompressedIndexThroughCompression() throws Exception {
        byte[] bytes = fixture(SECURITY).getBytes(StandardCharsets.UTF_8);

        InputStream in = Compression.XZ.decompress(new ByteArrayInputStream(xz(bytes)), 1 << 24, "t");

        assertEquals(parse(new ByteArrayInputStream(bytes)), parse(in));
    }

    @Test
    void passesOnTheErrorOfATruncatedCompressedStream() throws Exception {
        byte[] packed = xz(fixture(SECURITY).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(packed, packed.length / 2);

        InputStream in = Compression.XZ.decompress(new ByteArrayInputStream(truncated), 1 << 24, "t");

        assertThrows(IOException.class, () -> parse(in));
    }

    @Test
    void acceptsSeveralBlankLinesBetweenBeforeAndAfterStanzas() throws Exception {
        String text = fixture(SECURITY);
        String spread = "\n\n" + text.replace("\n\n", "\n\n\n\n") + "\n\n\n";

        assertEquals(parse(text), parse(spread));
    }

    @Test
    void treatsALineOfOnlySpacesAndTabsAsAStanzaSeparator() throws Exception {
        String text = fixture(SECURITY);
        String spaced = text.replace("\n\n", "\n \t \n");

        assertEquals(parse(text), parse(spaced));
    }

    @Test
    void acceptsAMissingFinalNewline() throws Exception {
        String text = fixture(SECURITY);
        assertTrue(text.endsWith("\n\n"));

        assertEquals(parse(text), parse(text.substring(0, text.length() - 2)));
    }

    @Test
    void dropsTheCarriageReturnOfCrlfLineEnds() throws Exception {
        String text = fixture(MAIN);

        assertEquals(parse(text), parse(text.replace("\n", "\r\n")));
    }

    @Test
    void readsFieldsInAnyOrderAndNamesInAnyCase() throws Exception {
        String ordered = """
                Package: hello
                Version: 2.10-3
                Architecture: amd64
                Depends: libc6 (>= 2.34)
                Filename: pool/main/h/hello/hello_2.10-3_amd64.deb
                Size: 53072
                SHA256: 1c3a4a9ba9d0e9ae1d8c6e5b9bd4e7a1f4c7c1c4b8b1a3f3c3e2d7f0e0b1a2c3
                """;
        String shuffled = """
                sha256: 1c3a4a9ba9d0e9ae1d8c6e5b9bd4e7a1f4c7c1c4b8b1a3f3c3e2d7f0e0b1a2c3
                SIZE: 53072
                Tag: devel::lang:c,
                 role::program
                depends: libc6 (>= 2.34)
                Filename: pool/main/h/hello/hello_2.10-3_amd64.deb
                X-Unknown: skipped
                ARCHITECTURE: amd64
                Version: 2.10-3
                package: hello
                """;

        assertEquals(parse(ordered), parse(shuffled));
    }

    @Test
    void keepsAFoldedDependsAsWrittenAndSkipsContinuationsOfOtherFields() throws Exception {
        String text = """
                Package: folded
                Version: 1
                Architecture: all
                Description: short
                 long line one
                 .
                 long line two
                Depends: a,
                 b (>= 1),\t
                \tc
                Filename: pool/f.deb
                Size: 1
                SHA256: 0000000000000000000000000000000000000000000000000000000000000000
                """;

        PackageStanza stanza = parse(text).get(0);

        assertEquals("a,\n b (>= 1),\n\tc", stanza.depends());
    }

    @Test
    void lowercasesAnUppercaseSha256() throws Exception {
        String text = stanza("up", "SHA256: 3A2118DF47BF3F04285649F0455C2FC6FE2DC7F0B237073038AA00AF41F0D5F2");

        assertEquals("3a2118df47bf3f04285649f0455c2fc6fe2dc7f0b237073038aa00af41f0d5f2", parse(text).get(0).sha256());
    }

    @Test
    void readsALineLongerThanTheReadBuffer() throws Exception {
        String depends = "libfoo (>= 1), ".repeat(20_000) + "libbar";
        String text = stanza("long", "Depends: " + depends);

        assertEquals(depends, parse(text).get(0).depends());
    }

    @Test
    void decodesUtf8Values() throws Exception {
        String text = stanza("utf", "Filename: pool/main/u/utf/caf\u00e9_1_all.deb");

        assertEquals("pool/main/u/utf/caf\u00e9_1_all.deb", parse(text).get(0).filename());
    }

    @Test
    void handsOutOneStringForRepeatedArchitecturesAndSources() throws Exception {
        List<PackageStanza> stanzas = parse(fixture(SECURITY));
        PackageStanza first = find(stanzas, "apache2");
        PackageStanza second = find(stanzas, "libapache2-mod-proxy-uwsgi");

        assertSame(first.architecture(), second.architecture());
        assertSame(first.sourceName(), first.name());
        assertSame(first.sourceVersion(), first.version());
        assertEquals(first.sourceName(), second.sourceName());
    }

    @Test
    void readsNothingFromAnEmptyOrBlankInput() throws Exception {
        assertEquals(List.of(), parse(""));
        assertEquals(List.of(), parse("\n\n  \n"));
    }

    @Test
    void countsTheStanzasAndLinesItRead() throws Exception {
        PackagesParser parser = new PackagesParser(
                new ByteArrayInputStream(fixture(SECURITY).getBytes(StandardCharsets.UTF_8)), SECURITY);
        while (parser.next() != null) {
            // Read to the end.
        }

        assertEquals(300, parser.stanzaCount());
        assertEquals(fixture(SECURITY).split("\n", -1).length - 1, parser.lineNumber());
    }

    // ---- helpers shared with PackagesParserRejectsTest

    static String fixture(String name) throws IOException {
        String root = System.getProperty("goldsmith.fixtures");
        assertTrue(root != null, "system property goldsmith.fixtures is not set");
        return Files.readString(Path.of(root, "apt", name), StandardCharsets.UTF_8);
    }

    static List<PackageStanza> parse(String text) throws IOException, FeedException {
        return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<PackageStanza> parse(InputStream in) throws IOException, FeedException {
        List<PackageStanza> stanzas = new ArrayList<>();
        PackagesParser.parse(in, "test/Packages", stanzas::add);
        return stanzas;
    }

    /** Returns a valid stanza for {@code name} with {@code line} replacing the field of the same name. */
    static String stanza(String name, String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Package", name);
        fields.put("Version", "1.0-1");
        fields.put("Architecture", "amd64");
        fields.put("Filename", "pool/main/" + name + "_1.0-1_amd64.deb");
        fields.put("Size", "1234");
        fields.put("SHA256", "3a2118df47bf3f04285649f0455c2fc6fe2dc7f0b237073038aa00af41f0d5f2");
        int colon = line.indexOf(':');
        fields.put(line.substring(0, colon), line.substring(colon + 2));
        StringBuilder text = new StringBuilder();
        fields.forEach((field, value) -> text.append(field).append(": ").append(value).append('\n'));
        return text.toString();
    }

    private static byte[] xz(byte[] bytes) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        // Preset 0: the smallest dictionary is plenty for a fixture and keeps the test fast.
        try (OutputStream out = new XZOutputStream(packed, new LZMA2Options(0))) {
            out.write(bytes);
        }
        return packed.toByteArray();
    }

    /** Compares one stanza at a time, so that a failure shows the one that differs rather than both lists. */
    private static void assertSameStanzas(List<PackageStanza> expected, List<PackageStanza> actual) {
        assertEquals(expected.size(), actual.size(), "number of stanzas");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "stanza " + (i + 1));
        }
    }

    private static PackageStanza find(List<PackageStanza> stanzas, String name) {
        return stanzas.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stanza for " + name));
    }

    /**
     * Returns the stanzas of {@code text} found the slow, obvious way: split on blank lines, then on line feeds,
     * then at the first ": ". It is good enough for the fixtures, which have no folded relation fields.
     */
    private static List<PackageStanza> expectedBySplitting(String text) {
        List<PackageStanza> expected = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : block.split("\n")) {
                if (!line.startsWith(" ")) {
                    int colon = line.indexOf(": ");
                    fields.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            String name = fields.get("Package");
            String version = fields.get("Version");
            String source = fields.getOrDefault("Source", name);
            String sourceVersion = version;
            if (source.contains(" (")) {
                sourceVersion = source.substring(source.indexOf(" (") + 2, source.length() - 1);
                source = source.substring(0, source.indexOf(" ("));
            }
            expected.add(new PackageStanza(name, version, fields.get("Architecture"), source, sourceVersion,
                    fields.get("Filename"), Long.parseLong(fields.get("Size")), fields.get("SHA256"),
                    fields.get("Depends"), fields.get("Pre-Depends")));
        }
        return expected;
    }

    /** Hands out at most a few bytes a read, in a fixed, irregular pattern. */
    private static final class TrickleInputStream extends FilterInputStream {

        private int reads;

        TrickleInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1 + reads++ % 7));
        }
    }
}
