package dev.goldsmith.builders.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import dev.goldsmith.catalog.version.VersionScheme;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

class JunitXmlTest {

    @Test
    void writesOneTestCasePerGuestAndHostCheckWithFailuresAndKnownTimes() throws Exception {
        QaSuite suite = new QaSuite("debian-12-minimal", List.of(
                new QaCheck.ServiceActive("SSH server is running", "ssh"),
                new QaCheck.UserExists("the admin user exists", "admin")), QaBudgets.NONE);
        String console = QaScript.BEGIN + " {}\n"
                + QaScript.CHECK + " {\"name\":\"SSH server is running\",\"passed\":true,\"detail\":\"ssh is active\","
                + "\"millis\":250}\n"
                + QaScript.CHECK + " {\"name\":\"the admin user exists\",\"passed\":false,\"detail\":\"no user admin\","
                + "\"millis\":1500}\n" + QaScript.END + " {}\n";
        List<CheckResult> results = new ArrayList<>(QaOutcome.parse(console, suite, VersionScheme.DPKG).results());
        results.add(new CheckResult(HostChecks.BOOT_TIME, "boot-time", CheckResult.Origin.HOST, true,
                "booted in 23.4 s, within the budget of 60.0 s", null));

        Element root = parse(JunitXml.write("debian-12-minimal", "2026.12.03.1", results)).getDocumentElement();

        assertEquals("testsuite", root.getTagName());
        assertEquals("debian-12-minimal 2026.12.03.1", root.getAttribute("name"));
        assertEquals("3", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("0", root.getAttribute("errors"));
        assertEquals("1.750", root.getAttribute("time"));
        NodeList properties = root.getElementsByTagName("property");
        assertEquals("image", ((Element) properties.item(0)).getAttribute("name"));
        assertEquals("2026.12.03.1", ((Element) properties.item(1)).getAttribute("value"));
        NodeList cases = root.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element ssh = (Element) cases.item(0);
        assertEquals("SSH server is running", ssh.getAttribute("name"));
        assertEquals("guest.service-active", ssh.getAttribute("classname"));
        assertEquals("0.250", ssh.getAttribute("time"));
        assertEquals(0, ssh.getElementsByTagName("failure").getLength());
        Element admin = (Element) cases.item(1);
        Element failure = (Element) admin.getElementsByTagName("failure").item(0);
        assertEquals("no user admin", failure.getAttribute("message"));
        assertEquals("user-exists", failure.getAttribute("type"));
        assertEquals("no user admin", failure.getTextContent());
        Element boot = (Element) cases.item(2);
        assertEquals("host.boot-time", boot.getAttribute("classname"));
        assertFalse(boot.hasAttribute("time"), "the time of a host check is not known");
    }

    @Test
    void escapesMarkupQuotesLineEndsAndCharactersXmlCannotCarry() throws Exception {
        String name = "<testcase name=\"x\"> & 'quoted' ]]>\nline two\ttab";
        String detail = "bell\u0007 nul-free \uD83D\uDE00 lone \uD800 end\r\n</failure>";
        CheckResult result = new CheckResult(name, "command", CheckResult.Origin.GUEST, false, detail, null);

        String xml = JunitXml.write("img\"<&>", "2026.12.03.1", List.of(result));
        Element root = parse(xml).getDocumentElement();

        assertEquals("img\"<&> 2026.12.03.1", root.getAttribute("name"));
        Element testcase = (Element) root.getElementsByTagName("testcase").item(0);
        assertEquals(name, testcase.getAttribute("name"), "line ends and tabs survive attribute normalisation");
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        String expected = "bell\uFFFD nul-free \uD83D\uDE00 lone \uFFFD end\r\n</failure>";
        assertEquals(expected, failure.getAttribute("message"));
        assertEquals(expected, failure.getTextContent());
        assertEquals(1, root.getElementsByTagName("testcase").getLength());
    }

    @Test
    void theTestParserRefusesDoctypes() {
        String withDoctype = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x \"y\">]><testsuite>&x;</testsuite>";

        assertThrows(SAXParseException.class, () -> parse(withDoctype));
    }

    @Test
    void summarySaysHowManyPassedAndNamesTheFailures() {
        List<CheckResult> results = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            results.add(new CheckResult("check " + i, "command", CheckResult.Origin.GUEST, i != 3 && i != 6, "", null));
        }

        assertEquals("5 of 7 checks passed; failed: check 3, check 6", JunitXml.summary(results));
        assertEquals("1 of 1 check passed", JunitXml.summary(results.subList(0, 1)));
        assertEquals("0 of 0 checks passed", JunitXml.summary(List.of()));
        assertTrue(JunitXml.write("img", "2026.12.03.1", List.of()).contains("tests=\"0\" failures=\"0\""));
    }

    /** Parses with the JDK's parser, DTDs and external entities refused. */
    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler());
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
