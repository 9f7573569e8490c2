package dev.goldsmith.builders.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.catalog.blueprint.Distro;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class BaseImageSpecTest {

    private static final Distro DEBIAN = Distro.parse("debian-12").orElseThrow();
    private static final URI MIRROR = URI.create("http://mirror.example.org/debian");
    private static final String STATE = "Sat, 17 May 2025 09:12:44 UTC";
    private static final String AGENT = "a".repeat(64);

    static BaseImageSpec spec(List<String> extra) {
        return new BaseImageSpec(DEBIAN, "bookworm", MIRROR, List.of("main"), extra);
    }

    @Test
    void keyIgnoresPackageOrderAndDuplicatesOfRequiredPackages() {
        assertEquals(spec(List.of("openssh-server", "curl")).contentKey(STATE, AGENT),
                spec(List.of("curl", "openssh-server", "udev")).contentKey(STATE, AGENT));
        assertTrue(spec(List.of()).contentKey(STATE, AGENT).matches("[0-9a-f]{64}"));
    }

    @Test
    void keyChangesWithEveryInputThatChangesTheBase() {
        String base = spec(List.of("curl")).contentKey(STATE, AGENT);
        Set<String> keys = List.of(
                base,
                spec(List.of("curl", "vim")).contentKey(STATE, AGENT),
                new BaseImageSpec(DEBIAN, "trixie", MIRROR, List.of("main"), List.of("curl")).contentKey(STATE, AGENT),
                new BaseImageSpec(DEBIAN, "bookworm", URI.create("http://other.example.org/debian"), List.of("main"),
                        List.of("curl")).contentKey(STATE, AGENT),
                new BaseImageSpec(DEBIAN, "bookworm", MIRROR, List.of("main", "contrib"), List.of("curl"))
                        .contentKey(STATE, AGENT),
                spec(List.of("curl")).contentKey("Sun, 18 May 2025 09:10:02 UTC", AGENT),
                spec(List.of("curl")).contentKey(STATE, "b".repeat(64))).stream().collect(Collectors.toSet());

        assertEquals(7, keys.size(), "each changed input gives a different key");
        assertNotEquals(spec(List.of("ab", "c")).contentKey(STATE, AGENT),
                spec(List.of("a", "bc")).contentKey(STATE, AGENT));
    }

    @Test
    void requiredPackagesComeFirstAndSorted() {
        assertEquals(List.of("ca-certificates", "curl", "linux-image-amd64", "systemd-resolved", "systemd-sysv",
                "udev"), spec(List.of("curl")).packages());
    }

    @Test
    void refusesWhatMmdebstrapCannotOrShouldNotBeGiven() {
        Distro rocky = Distro.parse("rocky-9").orElseThrow();
        assertThrows(IllegalArgumentException.class,
                () -> new BaseImageSpec(rocky, "9", MIRROR, List.of("main"), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new BaseImageSpec(DEBIAN, "--include=evil", MIRROR, List.of("main"), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new BaseImageSpec(DEBIAN, "bookworm", URI.create("ftp://example.org/"), List.of("main"),
                        List.of()));
        assertThrows(IllegalArgumentException.class, () -> spec(List.of("curl,evil")));
        assertThrows(IllegalArgumentException.class,
                () -> new BaseImageSpec(DEBIAN, "bookworm", MIRROR, List.of(), List.of()));
    }
}
