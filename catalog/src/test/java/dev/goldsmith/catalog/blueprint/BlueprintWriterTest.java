package dev.goldsmith.catalog.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlueprintWriterTest {

    @Test
    void theShippedBlueprintRoundTrips() throws Exception {
        Blueprint shipped = BlueprintReader.read(BlueprintReaderTest.SHIPPED);

        String written = BlueprintWriter.write(shipped);

        assertEquals(shipped, BlueprintReader.parse(written, "written"), written);
    }

    @Test
    void aBlueprintUsingEveryTableRoundTrips() throws Exception {
        Blueprint full = BlueprintReader.parse(Samples.FULL_RPM, "full.toml");

        String written = BlueprintWriter.write(full);

        assertEquals(full, BlueprintReader.parse(written, "written"), written);
    }

    @Test
    void writesFileContentsAsMultiLineStringsSoDiffsStayReadable() throws Exception {
        Blueprint shipped = BlueprintReader.read(BlueprintReaderTest.SHIPPED);

        String written = BlueprintWriter.write(shipped);

        assertTrue(written.contains("data = \"\"\"\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"),
                written);
    }

    @Test
    void writesNumericOwnersAsIntegersAndNamesAsStrings() throws Exception {
        Blueprint full = BlueprintReader.parse(Samples.FULL_RPM, "full.toml");

        String written = BlueprintWriter.write(full);

        assertTrue(written.contains("user = 0\ngroup = 0\n"), written);
        assertTrue(written.contains("user = \"root\"\ngroup = \"root\"\n"), written);
    }

    @Test
    void writesNothingForAnEmptyBlueprintBeyondItsHeader() throws Exception {
        Blueprint bare = new Blueprint("bare", null, "1.0.0", "fedora-40", List.of(), List.of(),
                Customizations.NONE, GoldsmithSettings.NONE);

        String written = BlueprintWriter.write(bare);

        assertEquals("name = \"bare\"\nversion = \"1.0.0\"\ndistro = \"fedora-40\"\n", written);
        assertEquals(bare, BlueprintReader.parse(written, "written"));
    }

    @Test
    void textWithQuotesBackslashesAndLineBreaksRoundTrips() throws Exception {
        Random random = new Random(20261203L);
        String alphabet = "ab \"\\\n\t'#=[]{}$\u00e9\u20ac";
        for (int round = 0; round < 300; round++) {
            Blueprint blueprint = withText(randomText(random, alphabet), randomText(random, alphabet));

            String written = BlueprintWriter.write(blueprint);

            assertEquals(blueprint, BlueprintReader.parse(written, "round " + round), written);
        }
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static Blueprint withText(String description, String data) {
        Customizations files = new Customizations(null, null, null, null, List.of(), List.of(), null, null,
                List.of(new Customizations.FileNode("/etc/probe", null, null, null, data)), List.of(), List.of());
        return new Blueprint("probe", description, "0.0.1", "debian-12", List.of(), List.of(), files,
                GoldsmithSettings.NONE);
    }

    @Test
    void aPinnedAndBumpedBlueprintRoundTrips() throws Exception {
        Blueprint pinned = BlueprintReader.read(BlueprintReaderTest.SHIPPED)
                .withPins(Map.of("openssh-server", "1:9.2p1-2+deb12u3", "chrony", "4.3-2+deb12u1",
                        "sudo", "1.9.13p3-1+deb12u1"))
                .withVersionBumped();

        String written = BlueprintWriter.write(pinned);

        assertTrue(written.contains("name = \"openssh-server\"\nversion = \"1:9.2p1-2+deb12u3\"\n"), written);
        assertEquals(pinned, BlueprintReader.parse(written, "written"));
    }
}
