package dev.goldsmith.builders.libvirt;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads libvirt's capabilities XML for what matters to Goldsmith: whether a guest architecture offers KVM. */
public final class KvmCapabilities {

    private KvmCapabilities() {
    }

    /** Returns whether {@code capabilitiesXml} lists a {@code kvm} domain type for guests of {@code arch}. */
    public static boolean offersKvm(String capabilitiesXml, String arch) {
        NodeList guests = DomainXml.parse(capabilitiesXml).getDocumentElement().getElementsByTagName("guest");
        for (int g = 0; g < guests.getLength(); g++) {
            for (Node node = guests.item(g).getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element archElement && "arch".equals(archElement.getLocalName())
                        && arch.equals(archElement.getAttribute("name")) && hasKvm(archElement)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasKvm(Element arch) {
        for (Node node = arch.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element domain && "domain".equals(domain.getLocalName())
                    && "kvm".equals(domain.getAttribute("type"))) {
                return true;
            }
        }
        return false;
    }
}
