package dev.goldsmith.builders.libvirt;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * A libvirt host on the test driver whose daemon can be taken away: while {@link #down} is set, opening a connection
 * fails as it does when libvirtd is not running, and {@link #breakConnection} closes the one in use.
 */
public final class BreakableHost {

    /** The URI of a test driver configuration that does not exist, so connecting to it always fails. */
    private static final String NOWHERE = "test:///nonexistent/goldsmith-libvirtd-is-down.xml";

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicReference<Connect> current = new AtomicReference<>();
    private final LibvirtHost host;

    public BreakableHost(String name) {
        this.host = new LibvirtHost(name, "test:///default", 1, uri -> {
            Connect connect = new Connect(down.get() ? NOWHERE : uri);
            current.set(connect);
            return connect;
        }, Duration.ofMillis(50));
    }

    public LibvirtHost host() {
        return host;
    }

    /** Makes the daemon unreachable (or reachable again). */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** Closes the connection the host holds, as a daemon restart does. */
    public void breakConnection() throws LibvirtException {
        Connect connect = current.get();
        if (connect != null) {
            connect.close();
        }
    }
}
