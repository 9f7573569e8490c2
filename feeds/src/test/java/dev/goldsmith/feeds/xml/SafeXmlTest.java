package dev.goldsmith.feeds.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.goldsmith.feeds.FeedException;
import dev.goldsmith.feeds.io.LimitedInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {

    private static final String SOURCE = "https://mirror.example/repodata/repomd.xml";
    private static final Duration QUICKLY = Duration.ofSeconds(5);
    private static final String SECRET = "s3cret-line-that-must-never-leave-this-file";

    @TempDir
    Path dir;

    @Test
    void refusesBillionLaughsQuicklyBecauseOfItsDoctype() {
        String bomb = billionLaughs();

        FeedException e = assertTimeoutPreemptively(QUICKLY,
                () -> assertThrows(FeedException.class, () -> readAll(bomb)));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertEquals(SOURCE, e.source());
        assertTrue(e.getMessage().endsWith("DOCTYPE not allowed"), e.getMessage());
    }

    @Test
    void refusesExternalEntityWithoutLeakingTheFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE updates [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<updates><id>&xxe;</id></updates>";

        FeedException e = assertTimeoutPreemptively(QUICKLY,
                () -> assertThrows(FeedException.class, () -> readAll(xxe)));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().endsWith("DOCTYPE not allowed"),
                e.getMessage());
        assertNoSecretIn(e);
    }

    @Test
    void refusesExternalParameterEntity() throws Exception {
        Path secret = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY leak \"" + SECRET + "\">");
        String xxe = "<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]><x>&leak;</x>";

        FeedException e = assertThrows(FeedException.class, () -> readAll(xxe));

        assertTrue(e.getMessage().endsWith("DOCTYPE not allowed"), e.getMessage());
        assertNoSecretIn(e);
    }

    @Test
    void refusesHarmlessDoctypeRatherThanIgnoringIt() {
        FeedException e = assertThrows(FeedException.class,
                () -> readAll("<!DOCTYPE repomd SYSTEM \"repomd.dtd\"><repomd/>"));

        assertTrue(e.getMessage().endsWith("DOCTYPE not allowed"), e.getMessage());
    }

    @Test
    void factoryAloneStopsEntityBombEvenWithDtdSupportSwitchedBackOn() throws Exception {
        XMLInputFactory factory = SafeXml.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        XMLStreamReader reader = factory.createXMLStreamReader(stream(billionLaughs()));

        FeedException e = assertTimeoutPreemptively(QUICKLY,
                () -> assertThrows(FeedException.class, () -> drain(reader)));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("more than \"" + SafeXml.ENTITY_EXPANSION_LIMIT + "\" entity expansions"),
                e.getMessage());
    }

    @Test
    void factoryAloneDoesNotReadExternalEntitiesEvenWithDtdSupportSwitchedBackOn() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        XMLInputFactory factory = SafeXml.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        String xxe = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><x>&xxe;</x>";

        String text;
        try {
            text = drain(factory.createXMLStreamReader(stream(xxe)));
        } catch (FeedException refused) {
            text = String.valueOf(refused.getMessage());
        }

        assertFalse(text.contains(SECRET), text);
    }

    @Test
    void readsOrdinaryDocumentWithNamespacesAndCoalescedText() throws Exception {
        String xml = "<?xml version=\"1.0\"?><m xmlns=\"urn:a\" xmlns:r=\"urn:r\"><r:s>a &amp; <![CDATA[b]]></r:s></m>";
        XMLStreamReader reader = SafeXml.open(stream(xml), SOURCE);

        assertEquals("m", Elements.root(reader));
        assertEquals("urn:a", reader.getNamespaceURI());
        assertTrue(Elements.nextChild(reader));
        assertEquals("urn:r", reader.getNamespaceURI());
        assertEquals("a & b", Elements.text(reader));
        assertFalse(Elements.nextChild(reader));
    }

    @Test
    void reportsBrokenDocumentAsMalformedWithItsLine() {
        FeedException e = assertThrows(FeedException.class, () -> readAll("<a>\n<b>\n</a>"));

        assertEquals(FeedException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("not well-formed XML at line 3"), e.getMessage());
    }

    @Test
    void reportsStreamPastItsLimitAsTooLarge() {
        String big = "<a>" + "x".repeat(10_000) + "</a>";
        InputStream limited = new LimitedInputStream(stream(big), 1000, SOURCE);

        FeedException e = assertThrows(FeedException.class, () -> drain(SafeXml.open(limited, SOURCE)));

        assertEquals(FeedException.Kind.TOO_LARGE, e.kind());
    }

    private static String readAll(String xml) throws FeedException {
        return drain(SafeXml.open(stream(xml), SOURCE));
    }

    private static String drain(XMLStreamReader reader) throws FeedException {
        try {
            StringBuilder text = new StringBuilder();
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.CHARACTERS) {
                    text.append(reader.getText());
                }
            }
            return text.toString();
        } catch (XMLStreamException e) {
            throw SafeXml.failure(e, SOURCE);
        }
    }

    private static InputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String billionLaughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        return xml.append("]>\n<lolz>&lol9;</lolz>\n").toString();
    }

    private static void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(SECRET), t.toString());
        }
    }
}
