package dev.goldsmith.builders.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class DomainXmlTest {

    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    private static DomainSpec full(String image, Path overlay, Path iso) {
        return new DomainSpec("goldsmith-debian-12-minimal-b42", DomainType.KVM, 1024, 2,
                new DomainSpec.DirectBoot(Path.of("/srv/base/vmlinuz"), Path.of("/srv/base/initrd.img"),
                        "console=ttyS0 root=/dev/vda rw quiet"),
                overlay,
                List.of(new DomainSpec.ReadOnlyDisk(iso, DiskFormat.RAW, "provision"),
                        new DomainSpec.ReadOnlyDisk(Path.of("/srv/scratch/debs.img"), DiskFormat.RAW, null)),
                Path.of("/srv/scratch/goldsmith-b42.console"), Networking.USER,
                DomainMark.ours("b42", image, Specs.CREATED));
    }

    private static String text(Document doc, String path) throws Exception {
        return (String) XPATH.evaluate(path, doc, XPathConstants.STRING);
    }

    private static int count(Document doc, String path) throws Exception {
        return ((NodeList) XPATH.evaluate(path, doc, XPathConstants.NODESET)).getLength();
    }

    @Test
    void describesAThrowawayGuestThatParsesBack() throws Exception {
        DomainSpec spec = full("debian-12-minimal", Path.of("/srv/scratch/b42.qcow2"),
                Path.of("/srv/scratch/provision.iso"));

        Document doc = DomainXml.parse(DomainXml.render(spec));

        assertEquals("kvm", text(doc, "/domain/@type"));
        assertEquals("goldsmith-debian-12-minimal-b42", text(doc, "/domain/name"));
        assertEquals("1024", text(doc, "/domain/memory[@unit='MiB']"));
        assertEquals("2", text(doc, "/domain/vcpu"));
        assertEquals("/srv/base/vmlinuz", text(doc, "/domain/os/kernel"));
        assertEquals("/srv/base/initrd.img", text(doc, "/domain/os/initrd"));
        assertEquals("console=ttyS0 root=/dev/vda rw quiet", text(doc, "/domain/os/cmdline"));
        assertEquals(1, count(doc, "/domain/features/acpi"), "without ACPI a guest cannot power itself off");
        for (String event : List.of("on_poweroff", "on_reboot", "on_crash")) {
            assertEquals("destroy", text(doc, "/domain/" + event), event);
        }
        assertEquals("qcow2", text(doc, "/domain/devices/disk[target/@dev='vda']/driver/@type"));
        assertEquals("/srv/scratch/b42.qcow2", text(doc, "/domain/devices/disk[target/@dev='vda']/source/@file"));
        assertEquals("virtio", text(doc, "/domain/devices/disk[target/@dev='vda']/target/@bus"));
        assertEquals(0, count(doc, "/domain/devices/disk[target/@dev='vda']/readonly"));
        assertEquals("raw", text(doc, "/domain/devices/disk[target/@dev='vdb']/driver/@type"));
        assertEquals(1, count(doc, "/domain/devices/disk[target/@dev='vdb']/readonly"));
        assertEquals("provision", text(doc, "/domain/devices/disk[target/@dev='vdb']/serial"));
        assertEquals(1, count(doc, "/domain/devices/disk[target/@dev='vdc']/readonly"));
        assertEquals(3, count(doc, "/domain/devices/disk"));
        assertEquals("user", text(doc, "/domain/devices/interface/@type"));
        assertEquals("virtio", text(doc, "/domain/devices/interface/model/@type"));
        assertEquals(1, count(doc, "/domain/devices/interface"));
        assertEquals("file", text(doc, "/domain/devices/serial/@type"));
        assertEquals("/srv/scratch/goldsmith-b42.console", text(doc, "/domain/devices/serial/source/@path"));
        assertEquals("serial", text(doc, "/domain/devices/console/target/@type"));
        assertEquals(0, count(doc, "//graphics") + count(doc, "//video"), "no graphics");
        assertEquals(Optional.of(spec.mark()), DomainXml.readMark(DomainXml.render(spec)));
        assertEquals(Optional.of(spec.consoleLog()), DomainXml.consoleFile(DomainXml.render(spec)));
    }

    @Test
    void metadataLivesInGoldsmithsNamespace() throws Exception {
        Document doc = DomainXml.parse(DomainXml.render(Specs.guest("goldsmith-ns", "b1")));

        NodeList marks = doc.getElementsByTagNameNS(DomainMark.NAMESPACE, "domain");
        assertEquals(1, marks.getLength());
        assertEquals("metadata", marks.item(0).getParentNode().getNodeName());
        assertEquals("b1", doc.getElementsByTagNameNS(DomainMark.NAMESPACE, "build-id").item(0).getTextContent());
        assertEquals(Specs.CREATED.toString(),
                doc.getElementsByTagNameNS(DomainMark.NAMESPACE, "created").item(0).getTextContent());
    }

    @Test
    void hostileImageNameAndPathsStayValues() throws Exception {
        String image = "x</goldsmith:image><evil/>&amp;' \"<![CDATA[";
        Path overlay = Path.of("/srv/a'b\"c&d<e>/disk.qcow2");
        Path iso = Path.of("/srv/x'/><disk type='block'><source dev='/dev/sda'/>.iso");

        String xml = DomainXml.render(full(image, overlay, iso));
        Document doc = DomainXml.parse(xml);

        assertEquals(0, count(doc, "//evil"));
        assertEquals(3, count(doc, "/domain/devices/disk"));
        assertEquals(0, count(doc, "//disk[@type='block']"));
        assertEquals(overlay.toString(), text(doc, "/domain/devices/disk[target/@dev='vda']/source/@file"));
        assertEquals(iso.toString(), text(doc, "/domain/devices/disk[target/@dev='vdb']/source/@file"));
        assertEquals(image, DomainXml.readMark(xml).orElseThrow().image());
    }

    @Test
    void guestWithoutNetworkOrOverlayHasNeitherDevice() throws Exception {
        DomainSpec spec = new DomainSpec("goldsmith-probe", DomainType.QEMU, 256, 1,
                new DomainSpec.DirectBoot(Path.of("/srv/vmlinuz"), null, "console=ttyS0"), null,
                List.of(new DomainSpec.ReadOnlyDisk(Path.of("/srv/p.iso"), DiskFormat.RAW, null)),
                Path.of("/srv/c.log"), Networking.NONE, DomainMark.ours("probe", "probe", Specs.CREATED));

        Document doc = DomainXml.parse(DomainXml.render(spec));

        assertEquals("qemu", text(doc, "/domain/@type"));
        assertEquals(0, count(doc, "//interface"));
        assertEquals(0, count(doc, "/domain/os/initrd"));
        assertEquals("vda", text(doc, "/domain/devices/disk/target/@dev"), "read-only disks start at vda then");
        assertEquals(1, count(doc, "/domain/devices/disk/readonly"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/disk.qcow2", "/srv/../etc/shadow", "/srv/./disk.qcow2",
        "/srv/dis\nk.qcow2"})
    void refusesPathsThatAreNotAbsoluteAndNormalised(String path) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> full("img", Path.of(path), Path.of("/srv/p.iso")));

        assertTrue(e.getMessage().startsWith("overlay: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian-12", "goldsmith-", "goldsmith-a b", "goldsmith-a/b", "goldsmith-<x>",
        "goldsmith--leading-dash"})
    void refusesNamesWithoutThePrefixOrWithOddCharacters(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Specs.guest(name, "b1"));

        assertTrue(e.getMessage().startsWith("name: "), e.getMessage());
    }

    @Test
    void refusesControlCharactersInTheCommandLineAndImageName() {
        assertThrows(IllegalArgumentException.class,
                () -> new DomainSpec.DirectBoot(Path.of("/k"), null, "console=ttyS0\u0000init=/bin/sh"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DomainMark.ours("b1", "image\u001b[2J", Specs.CREATED));
        assertTrue(e.getMessage().startsWith("image: control"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DomainMark.ours("b/1", "image", Specs.CREATED));
    }

    @Test
    void namesForBuildsCarryPrefixImageAndBuildId() {
        assertEquals("goldsmith-debian-12-minimal-b7-qa", DomainSpec.nameFor("debian-12-minimal", "b7", "qa"));
        assertEquals("goldsmith-team_s_image-b7", DomainSpec.nameFor("team's image", "b7", null));
    }

    @Test
    void domainWithoutGoldsmithMetadataHasNoMark() {
        assertEquals(Optional.empty(), DomainXml.readMark(Specs.unmarked("goldsmith-impostor")));
        assertEquals(Optional.empty(), DomainXml.readMark("<domain><name>goldsmith-x</name><metadata>"
                + "<other:domain xmlns:other='https://example.org/ns'><other:build-id>b1</other:build-id>"
                + "</other:domain></metadata></domain>"));
        String brokenDate = DomainXml.render(Specs.guest("goldsmith-x", "b1"))
                .replace(Specs.CREATED.toString(), "yesterday");
        assertEquals(Optional.empty(), DomainXml.readMark(brokenDate));
    }

    @Test
    void refusesDocumentTypeDeclarations() {
        String xml = "<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><name>&x;</name></domain>";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainXml.readMark(xml));

        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }
}
