package dev.goldsmith.catalog.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
