package dev.goldsmith.catalog.version;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VersionSchemeTest {

    @Test
    void comparesEachSchemeByItsOwnRules() {
        assertAll(
                () -> assertEquals(0, VersionScheme.DPKG.compare("1.0", "1.0-0"), "dpkg: no revision is revision 0"),
                () -> assertEquals(-1, VersionScheme.RPM.compare("1.0", "1.0-0"), "rpm: no release is older"),
                () -> assertEquals(1, VersionScheme.DPKG.compare("1_0", "1.0"), "dpkg: '_' sorts after '.'"),
                () -> assertEquals(0, VersionScheme.RPM.compare("1_0", "1.0"), "rpm: both are separators"));
    }

    @Test
    void returnsOnlyMinusOneZeroOrOne() {
        assertAll(
                () -> assertEquals(-1, VersionScheme.DPKG.compare("1.0", "1.9")),
                () -> assertEquals(1, VersionScheme.DPKG.compare("1.0z", "1.0a")),
                () -> assertEquals(-1, VersionScheme.RPM.compare("1.0", "1.9")),
                () -> assertEquals(1, VersionScheme.RPM.compare("1.0z", "1.0a")));
    }

    @Test
    void refusesToCompareAnInvalidVersion() {
        InvalidVersionException refused = assertThrows(InvalidVersionException.class,
                () -> VersionScheme.DPKG.compare("1.0", "1.0-"));
        assertEquals("1.0-", refused.value());
    }

    @Test
    void validateNamesTheValueAndTheReason() {
        InvalidVersionException dpkg = assertThrows(InvalidVersionException.class,
                () -> VersionScheme.DPKG.validate("1.0:1-1"));
        InvalidVersionException rpm = assertThrows(InvalidVersionException.class,
                () -> VersionScheme.RPM.validate(""));
        assertAll(
                () -> assertEquals("invalid dpkg version '1.0:1-1': epoch in version is not number",
                        dpkg.getMessage()),
                () -> assertEquals("invalid rpm version '': version string is empty", rpm.getMessage()));
    }

    @Test
    void validateAcceptsWhatTheToolOnlyWarnsAbout() {
        assertAll(
                () -> assertDoesNotThrow(() -> VersionScheme.DPKG.validate("a")),
                () -> assertDoesNotThrow(() -> VersionScheme.RPM.validate("1.0:1-1")));
    }

    @Test
    void findsSchemesByNameInAnyCase() {
        assertAll(
                () -> assertEquals(VersionScheme.DPKG, VersionScheme.named("dpkg")),
                () -> assertEquals(VersionScheme.RPM, VersionScheme.named("RPM")));
    }

    @Test
    void unknownSchemeNameListsTheKnownOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> VersionScheme.named("apk"));
        assertEquals("unknown version scheme 'apk'; expected one of dpkg, rpm", refused.getMessage());
    }
}
