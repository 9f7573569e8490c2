package dev.goldsmith.builders.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Writes libvirt domain XML for a {@link DomainSpec} and reads Goldsmith's mark back from a domain's XML.
 *
 * <p>Every value that reaches the XML has been validated by the spec's records and is escaped here, so an image
 * name or a path can never add elements or attributes.
 */
public final class DomainXml {

    private static final String INDENT = "  ";

    private DomainXml() {
    }

    /** Returns the domain XML that starts {@code spec} as a transient libvirt domain. */
    public static String render(DomainSpec spec) {
        Xml xml = new Xml();
        xml.open(0, "domain type='" + attr(spec.type().xmlName()) + "'");
        xml.line(1, "<name>" + text(spec.name()) + "</name>");
        writeMetadata(xml, spec.mark());
        xml.line(1, "<memory unit='MiB'>" + spec.memoryMib() + "</memory>");
        xml.line(1, "<vcpu>" + spec.vcpus() + "</vcpu>");
        writeOs(xml, spec.boot());
        xml.open(1, "features");
        xml.line(2, "<acpi/>");
        xml.line(2, "<apic/>");
        xml.close(1, "features");
        xml.line(1, "<clock offset='utc'/>");
        xml.line(1, "<on_poweroff>destroy</on_poweroff>");
        xml.line(1, "<on_reboot>destroy</on_reboot>");
        xml.line(1, "<on_crash>destroy</on_crash>");
        writeDevices(xml, spec);
        xml.close(0, "domain");
        return xml.toString();
    }

    private static void writeMetadata(Xml xml, DomainMark mark) {
        String p = DomainMark.PREFIX;
        xml.open(1, "metadata");
        xml.open(2, p + ":domain xmlns:" + p + "='" + attr(DomainMark.NAMESPACE) + "'");
        xml.line(3, "<" + p + ":build-id>" + text(mark.buildId()) + "</" + p + ":build-id>");
        xml.line(3, "<" + p + ":image>" + text(mark.image()) + "</" + p + ":image>");
        xml.line(3, "<" + p + ":created>" + mark.created() + "</" + p + ":created>");
        if (mark.owner() != null) {
            xml.line(3, "<" + p + ":owner>" + text(mark.owner().toString()) + "</" + p + ":owner>");
        }
        xml.close(2, p + ":domain");
        xml.close(1, "metadata");
    }

    private static void writeOs(Xml xml, DomainSpec.DirectBoot boot) {
        xml.open(1, "os");
        xml.line(2, "<type arch='x86_64'>hvm</type>");
        xml.line(2, "<kernel>" + text(boot.kernel().toString()) + "</kernel>");
        if (boot.initrd() != null) {
            xml.line(2, "<initrd>" + text(boot.initrd().toString()) + "</initrd>");
        }
        xml.line(2, "<cmdline>" + text(boot.cmdline()) + "</cmdline>");
        xml.close(1, "os");
    }

    private static void writeDevices(Xml xml, DomainSpec spec) {
        xml.open(1, "devices");
        char target = 'a';
        if (spec.overlay() != null) {
            xml.open(2, "disk type='file' device='disk'");
            xml.line(3, "<driver name='qemu' type='qcow2' discard='unmap'/>");
            xml.line(3, "<source file='" + attr(spec.overlay().toString()) + "'/>");
            xml.line(3, "<target dev='vd" + target++ + "' bus='virtio'/>");
            xml.close(2, "disk");
        }
        for (DomainSpec.ReadOnlyDisk disk : spec.readOnlyDisks()) {
            xml.open(2, "disk type='file' device='disk'");
            xml.line(3, "<driver name='qemu' type='" + attr(disk.format().xmlName()) + "'/>");
            xml.line(3, "<source file='" + attr(disk.path().toString()) + "'/>");
            xml.line(3, "<target dev='vd" + target++ + "' bus='virtio'/>");
            xml.line(3, "<readonly/>");
            if (disk.serial() != null) {
                xml.line(3, "<serial>" + text(disk.serial()) + "</serial>");
            }
            xml.close(2, "disk");
        }
        if (spec.networking() == Networking.USER) {
            xml.open(2, "interface type='user'");
            xml.line(3, "<model type='virtio'/>");
            xml.close(2, "interface");
        }
        String console = attr(spec.consoleLog().toString());
        xml.open(2, "serial type='file'");
        xml.line(3, "<source path='" + console + "'/>");
        xml.line(3, "<target port='0'/>");
        xml.close(2, "serial");
        xml.open(2, "console type='file'");
        xml.line(3, "<source path='" + console + "'/>");
        xml.line(3, "<target type='serial' port='0'/>");
        xml.close(2, "console");
        // Entropy from the host keeps first-boot key generation from stalling under emulation.
        xml.open(2, "rng model='virtio'");
        xml.line(3, "<backend model='random'>/dev/urandom</backend>");
        xml.close(2, "rng");
        xml.line(2, "<memballoon model='none'/>");
        xml.close(1, "devices");
    }

    /**
     * Returns Goldsmith's mark from a domain's XML, or empty when the domain carries none (or a malformed one),
     * so it is not Goldsmith's to touch.
     */
    public static Optional<DomainMark> readMark(String domainXml) {
        Element root = parse(domainXml).getDocumentElement();
        Element metadata = child(root, null, "metadata");
        if (metadata == null) {
            return Optional.empty();
        }
        Element mark = child(metadata, DomainMark.NAMESPACE, "domain");
        if (mark == null) {
            return Optional.empty();
        }
        try {
            Element owner = child(mark, DomainMark.NAMESPACE, "owner");
            return Optional.of(new DomainMark(childText(mark, "build-id"), childText(mark, "image"),
                    Instant.parse(childText(mark, "created")),
                    owner == null ? null : BuildOwner.parse(owner.getTextContent()).orElse(null)));
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Returns the file a domain's serial console is written to, when it has a file-backed one. */
    public static Optional<Path> consoleFile(String domainXml) {
        Element devices = child(parse(domainXml).getDocumentElement(), null, "devices");
        if (devices == null) {
            return Optional.empty();
        }
        for (Node node = devices.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element serial && "serial".equals(serial.getLocalName())
                    && "file".equals(serial.getAttribute("type"))) {
                Element source = child(serial, null, "source");
                if (source != null && !source.getAttribute("path").isEmpty()) {
                    return Optional.of(Path.of(source.getAttribute("path")));
                }
            }
        }
        return Optional.empty();
    }

    /** Parses domain XML with DTDs and external entities refused. */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("malformed domain XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String namespace, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())
                    && (namespace == null ? element.getNamespaceURI() == null
                            : namespace.equals(element.getNamespaceURI()))) {
                return element;
            }
        }
        return null;
    }

    private static String childText(Element parent, String localName) {
        NodeList list = parent.getElementsByTagNameNS(DomainMark.NAMESPACE, localName);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    /** Escapes character data. */
    static String text(String value) {
        return escape(value);
    }

    /** Escapes a value written between single quotes. */
    static String attr(String value) {
        return escape(value);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A few lines of indented XML. */
    private static final class Xml {
        private final StringBuilder out = new StringBuilder();

        void line(int depth, String content) {
            out.append(INDENT.repeat(depth)).append(content).append('\n');
        }

        void open(int depth, String tagWithAttributes) {
            line(depth, "<" + tagWithAttributes + ">");
        }

        void close(int depth, String tag) {
            line(depth, "</" + tag + ">");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
