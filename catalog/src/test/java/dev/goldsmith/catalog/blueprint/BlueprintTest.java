package dev.goldsmith.catalog.blueprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlueprintTest {

    private static Blueprint debian(String version, PackageSpec... packages) {
        return new Blueprint("probe", null, version, "debian-12", List.of(packages), List.of(),
                Customizations.NONE, GoldsmithSettings.NONE);
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({"0.0.0, 0.0.1", "0.0.1, 0.0.2", "1.4.9, 1.4.10", "2.0.99, 2.0.100"})
    void bumpsThePatchNumberAsOsbuildDoes(String before, String after) {
        assertEquals(after, debian(before).withVersionBumped().version());
    }

    @Test
    void refusesToBumpAVersionThatIsNotSemantic() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> debian("1.0").withVersionBumped());

        assertTrue(refused.getMessage().contains("'1.0'"), refused.getMessage());
    }

    @Test
    void pinsEachListedPackageToTheVersionBuiltAndIgnoresDependencies() {
        Blueprint blueprint = debian("1.0.0", new PackageSpec("curl", "*"), new PackageSpec("sudo", "1.9*"));

        Blueprint pinned = blueprint.withPins(Map.of("curl", "7.88.1-10+deb12u8", "sudo", "1.9.13p3-1+deb12u1",
                "libcurl4", "7.88.1-10+deb12u8"));

        assertEquals(List.of(new PackageSpec("curl", "7.88.1-10+deb12u8"),
                new PackageSpec("sudo", "1.9.13p3-1+deb12u1")), pinned.packages());
        assertEquals("1.0.0", pinned.version());
    }

    @Test
    void refusesToPinWhenAListedPackageWasNotBuilt() {
        Blueprint blueprint = debian("1.0.0", new PackageSpec("curl", "*"), new PackageSpec("sudo", "*"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> blueprint.withPins(Map.of("curl", "7.88.1-10")));

        assertTrue(refused.getMessage().contains("[sudo]"), refused.getMessage());
    }

    @Test
    void refusesAPinThatIsNotAnExactVersionOfTheDistribution() {
        Blueprint blueprint = debian("1.0.0", new PackageSpec("curl", "*"));

        assertThrows(IllegalArgumentException.class, () -> blueprint.withPins(Map.of("curl", "7.*")));
        assertThrows(IllegalArgumentException.class, () -> blueprint.withPins(Map.of("curl", "7.88 -y")));
        assertThrows(IllegalArgumentException.class, () -> blueprint.withPins(Map.of("curl", "a:1")));
    }
}
