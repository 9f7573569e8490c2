package dev.goldsmith.builders.host;

import dev.goldsmith.builders.libvirt.LibvirtErrors;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** Tells whether a libvirt connection URI answers: a connection opens and reports the hypervisor's version. */
@FunctionalInterface
public interface LibvirtPing {

    /** Returns why {@code uri} does not answer, or empty when it does. */
    Optional<String> problem(String uri);

    /** Returns a ping that really connects through libvirt-java and the native client library. */
    static LibvirtPing connecting() {
        return uri -> {
            LibvirtErrors.quiet();
            try {
                Connect connect = new Connect(uri);
                try {
                    connect.getVersion();
                    return Optional.empty();
                } finally {
                    connect.close();
                }
            } catch (LibvirtException e) {
                return Optional.of(e.getMessage());
            } catch (LinkageError e) {
                return Optional.of("the libvirt client library cannot be loaded: " + e.getMessage());
            }
        };
    }
}
