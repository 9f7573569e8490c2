package dev.goldsmith.feeds.advisory.csaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurlTest {

    @Test
    void readsAnRpmPurlWithArchAndEpochQualifiers() {
        Purl purl = Purl.parse("pkg:rpm/redhat/tomcat@9.0.87-1.el8_10.1?arch=noarch&epoch=1");

        assertEquals(new Purl("rpm", "redhat", "tomcat", "9.0.87-1.el8_10.1", Map.of("arch", "noarch",
                "epoch", "1")), purl);
        assertEquals("1", purl.qualifier("epoch"));
    }

    @Test
    void readsAPurlWithoutVersion() {
        assertEquals(new Purl("rpm", "redhat", "mediawiki", null, Map.of("arch", "src")),
                Purl.parse("pkg:rpm/redhat/mediawiki?arch=src"));
    }

    @Test
    void readsAContainerPurlWhoseVersionIsADigest() {
        Purl purl = Purl.parse("pkg:oci/mtv-api-rhel9@sha256:0f4e01?arch=amd64"
                + "&repository_url=registry.redhat.io/migration-toolkit-virtualization/mtv-api-rhel9&tag=2.5.6-8");

        assertEquals("oci", purl.type());
        assertEquals("", purl.namespace());
        assertEquals("mtv-api-rhel9", purl.name());
        assertEquals("sha256:0f4e01", purl.version());
        assertEquals("registry.redhat.io/migration-toolkit-virtualization/mtv-api-rhel9",
                purl.qualifier("repository_url"));
    }

    @Test
    void decodesPercentEscapesButKeepsAPlus() {
        Purl purl = Purl.parse("PKG:RPM/redhat/memtest86%2B@5.31-0.4.beta.el9+1?arch=x86_64#ignored/sub");

        assertEquals("rpm", purl.type());
        assertEquals("memtest86+", purl.name());
        assertEquals("5.31-0.4.beta.el9+1", purl.version());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rpm/redhat/openssl@3.0.7                 | does not start with pkg:",
        "pkg:openssl                              | lacks a type or a name",
        "pkg:rpm/                                 | lacks a type or a name",
        "pkg:rpm/redhat/openssl@3.0.7?arch        | qualifier without a key or a value",
        "pkg:rpm/redhat/openssl%2@3.0.7           | bad percent escape",
        "pkg:rpm/redhat/openssl%zz@3.0.7          | bad percent escape",
    })
    void rejects_what_is_not_a_purl(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Purl.parse(text));

        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
