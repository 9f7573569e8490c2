package dev.goldsmith.feeds.rpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.goldsmith.feeds.FeedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RpmPackageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "openssl-3.0.7-27.el9.src.rpm, openssl, 3.0.7, 27.el9",
        "python3-libs-compat-3.9.18-3.el9_4.src.rpm, python3-libs-compat, 3.9.18, 3.el9_4",
        "fixture-caret-1.0^20240101git1a2b3c-1.el9.src.rpm, fixture-caret, 1.0^20240101git1a2b3c, 1.el9",
        "nodejs-20.11.1-1.module+el8.9.0+21380+12032667.src.rpm, nodejs, 20.11.1, 1.module+el8.9.0+21380+12032667",
        "kernel-rt-4.18.0-513.5.1.rt7.307.el8_9.nosrc.rpm, kernel-rt, 4.18.0, 513.5.1.rt7.307.el8_9"})
    void splitsSourceRpmFileNameIntoNameVersionRelease(String file, String name, String version, String release) {
        assertArrayEquals(new String[] {name, version, release}, RpmPackage.splitSourceRpm(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl-3.0.7-27.el9.noarch.rpm", "openssl.src.rpm", "openssl-3.0.7.src.rpm",
        "-3.0.7-1.src.rpm", "openssl-3.0.7-.src.rpm", "openssl--1.src.rpm"})
    void refusesSourceRpmFileNameThatIsNotNameVersionRelease(String file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RpmPackage.splitSourceRpm(file));

        assertTrue(e.getMessage().contains(file), e.getMessage());
    }

    @Test
    void derivesSourceNameAndVersionFromSourceRpm() {
        RpmPackage libs = new RpmPackage("openssl-libs", "x86_64", new Evr(1, "3.0.7", "27.el9"),
                new Checksum("sha256", "b".repeat(64)), 10, "Packages/o/openssl-libs.rpm",
                "openssl-3.0.7-27.el9.src.rpm");

        assertEquals("1:3.0.7-27.el9", libs.version());
        assertEquals("openssl", libs.sourceName());
        assertEquals("1:3.0.7-27.el9", libs.sourceVersion());
    }

    @Test
    void refusesToMakePackageDataFromSha1Checksum() {
        RpmPackage old = new RpmPackage("bash", "x86_64", new Evr(0, "3.2", "33.el5"),
                new Checksum("sha1", "c".repeat(40)), 10, "CentOS/bash-3.2-33.el5.x86_64.rpm", null);

        FeedException e = assertThrows(FeedException.class, () -> old.toPackageData("centos-5-os", "centos-5"));

        assertEquals(FeedException.Kind.UNSUPPORTED, e.kind());
        assertEquals("centos-5-os CentOS/bash-3.2-33.el5.x86_64.rpm", e.source());
    }
}
