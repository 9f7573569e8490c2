package dev.goldsmith.builders.libvirt;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirt host that builds images: its name, connection URI and build capacity, and the one long-lived
 * connection Goldsmith keeps to it.
 *
 * <p>The connection is opened on first use and reopened when it breaks (libvirtd restarted, SSH link lost): a call
 * that fails on a connection that is no longer alive is retried once on a fresh one. Domain state is polled over
 * this connection rather than by starting {@code virsh}, which slows guests down on small hosts.
 *
 * <p>Thread-safe: libvirt connections may be shared between threads; reopening waits for calls in flight.
 */
public final class LibvirtHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHost.class);
    private static final Duration DEFAULT_POLL = Duration.ofMillis(500);

    static {
        LibvirtErrors.quiet();
    }

    /** Opens a libvirt connection; tests count or break connections through it. */
    @FunctionalInterface
    interface Opener {
        Connect open(String uri) throws LibvirtException;
    }

    /** A piece of work done with the host's connection. */
    @FunctionalInterface
    public interface ConnectCall<T> {
        T apply(Connect connect) throws LibvirtException;
    }

    /** How {@link #awaitShutoff} ended. */
    public enum Wait {
        /** The domain is shut off or gone. */
        SHUT_OFF,
        /** The deadline passed with the domain still active. */
        DEADLINE_PASSED
    }

    private final String name;
    private final String uri;
    private final int capacity;
    private final Opener opener;
    private final Duration pollInterval;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Connect connect;
    private int opened;
    private boolean closed;

    /** Creates a host that connects to {@code uri} on first use and runs at most {@code capacity} builds. */
    public LibvirtHost(String name, String uri, int capacity) {
        this(name, uri, capacity, Connect::new, DEFAULT_POLL);
    }

    LibvirtHost(String name, String uri, int capacity, Opener opener, Duration pollInterval) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("host name: blank");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("host " + name + ": capacity " + capacity + " is below 1");
        }
        this.name = name;
        this.uri = Objects.requireNonNull(uri, "uri");
        this.capacity = capacity;
        this.opener = opener;
        this.pollInterval = pollInterval;
    }

    /** Returns the host's configured name. */
    public String name() {
        return name;
    }

    /** Returns the libvirt connection URI. */
    public String uri() {
        return uri;
    }

    /** Returns how many builds may run on the host at once. */
    public int capacity() {
        return capacity;
    }

    /** Returns whether the URI names this machine (no host part), so local files such as /dev/kvm are its own. */
    public boolean local() {
        try {
            String host = new URI(uri).getHost();
            return host == null || host.isEmpty() || host.equals("localhost");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Returns how many times a connection was opened: 1 after first use, more after reconnects. */
    public int connectionsOpened() {
        lock.readLock().lock();
        try {
            return opened;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code call} with the host's connection, opening it first when needed; when the call fails and the
     * connection turns out to be dead, reopens it and tries once more.
     *
     * @param operation what is being done, for the error message
     */
    public <T> T call(String operation, ConnectCall<T> call) throws HostException {
        Connect broken = null;
        LibvirtException last = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            Connect used = ensureOpen(broken, last);
            lock.readLock().lock();
            try {
                if (connect == null) {
                    throw new HostException("host=" + name + " uri=" + uri + ": closed", false, null);
                }
                // Another thread may have replaced the connection since ensureOpen returned.
                used = connect;
                return call.apply(used);
            } catch (LibvirtException e) {
                if (alive(used)) {
                    throw failed(operation, e, false);
                }
                broken = used;
                last = e;
            } finally {
                lock.readLock().unlock();
            }
        }
        throw failed(operation, last, true);
    }

    /** Returns the open connection, opening one when there is none yet or the current one is {@code broken}. */
    private Connect ensureOpen(Connect broken, LibvirtException why) throws HostException {
        lock.writeLock().lock();
        try {
            if (closed) {
                throw new HostException("host=" + name + " uri=" + uri + ": closed", false, null);
            }
            if (connect != null && connect != broken) {
                return connect;
            }
            if (connect != null) {
                LOG.warn("host={} uri={} connection lost, reopening reason=\"{}\"", name, uri,
                        why == null ? "not alive" : why.getMessage());
                closeQuietly(connect);
                connect = null;
            }
            try {
                connect = opener.open(uri);
                opened++;
                LOG.info("host={} uri={} connected opened={}", name, uri, opened);
                return connect;
            } catch (LibvirtException e) {
                throw new HostException("host=" + name + " uri=" + uri + ": cannot connect: " + e.getMessage(), true,
                        e);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private HostException failed(String operation, LibvirtException e, boolean unreachable) {
        return new HostException("host=" + name + " uri=" + uri + ": " + operation + ": " + e.getMessage(),
                unreachable, e);
    }

    /** Creates and starts a transient domain from {@code spec}; it disappears once it shuts off. */
    public void start(DomainSpec spec) throws HostException {
        String xml = DomainXml.render(spec);
        call("start " + spec.name(), c -> {
            c.domainCreateXML(xml, 0).free();
            return null;
        });
        LOG.info("host={} uri={} domain={} image=\"{}\" build={} type={} started", name, uri, spec.name(),
                spec.mark().image(), spec.mark().buildId(), spec.type().xmlName());
    }

    /** Returns the domain's state; {@link DomainState#GONE} when there is no such domain. */
    public DomainState state(String domain) throws HostException {
        return call("read state of " + domain, c -> {
            Domain d = lookup(c, domain);
            if (d == null) {
                return DomainState.GONE;
            }
            try {
                return map(d.getInfo().state);
            } catch (LibvirtException e) {
                if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    return DomainState.GONE;
                }
                throw e;
            } finally {
                d.free();
            }
        });
    }

    /** Returns whether the domain exists and is still running (or paused, or shutting down). */
    public boolean isRunning(String domain) throws HostException {
        return state(domain).active();
    }

    /**
     * Waits until the domain is shut off or gone, polling its state over the host's connection, for at most
     * {@code timeout}. While the host cannot be reached (libvirtd restarting) it keeps trying until the deadline.
     *
     * @throws InterruptedException when the waiting thread is interrupted: the build was cancelled
     * @throws HostException        when libvirt refuses to report the state for another reason
     */
    public Wait awaitShutoff(String domain, Duration timeout) throws HostException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HostException lastUnreachable = null;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("cancelled while waiting for " + domain + " on host " + name);
            }
            try {
                if (!state(domain).active()) {
                    return Wait.SHUT_OFF;
                }
                lastUnreachable = null;
            } catch (HostException e) {
                if (!e.unreachable()) {
                    throw e;
                }
                if (lastUnreachable == null) {
                    LOG.warn("host={} uri={} domain={} state unknown, host unreachable; retrying reason=\"{}\"",
                            name, uri, domain, e.getMessage());
                }
                lastUnreachable = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Wait.DEADLINE_PASSED;
            }
            Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
        }
    }

    /** Stops the domain at once (power cut); returns false when it was not running or did not exist. */
    public boolean destroy(String domain) throws HostException {
        return call("destroy " + domain, c -> {
            Domain d = lookup(c, domain);
            if (d == null) {
                return false;
            }
            try {
                if (d.isActive() != 1) {
                    return false;
                }
                d.destroy();
                return true;
            } catch (LibvirtException e) {
                ErrorNumber code = e.getError().getCode();
                if (code == ErrorNumber.VIR_ERR_NO_DOMAIN || code == ErrorNumber.VIR_ERR_OPERATION_INVALID) {
                    return false;
                }
                throw e;
            } finally {
                d.free();
            }
        });
    }

    /** Removes a persistent domain's definition; returns false when there was nothing to remove. */
    public boolean undefine(String domain) throws HostException {
        return call("undefine " + domain, c -> {
            Domain d = lookup(c, domain);
            if (d == null) {
                return false;
            }
            try {
                if (d.isPersistent() != 1) {
                    return false;
                }
                d.undefine();
                return true;
            } catch (LibvirtException e) {
                if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    return false;
                }
                throw e;
            } finally {
                d.free();
            }
        });
    }

    /** Returns the names of all domains on the host, running ones first, then defined ones that are shut off. */
    public List<String> domainNames() throws HostException {
        return call("list domains", c -> {
            List<String> names = new ArrayList<>();
            for (int id : c.listDomains()) {
                try {
                    Domain d = c.domainLookupByID(id);
                    names.add(d.getName());
                    d.free();
                } catch (LibvirtException e) {
                    if (e.getError().getCode() != ErrorNumber.VIR_ERR_NO_DOMAIN) {
                        throw e;
                    }
                }
            }
            for (String defined : c.listDefinedDomains()) {
                if (!names.contains(defined)) {
                    names.add(defined);
                }
            }
            return names;
        });
    }

    /** Returns the domain's current XML description, or null when there is no such domain. */
    public String domainXml(String domain) throws HostException {
        return call("read XML of " + domain, c -> {
            Domain d = lookup(c, domain);
            if (d == null) {
                return null;
            }
            try {
                return d.getXMLDesc(0);
            } catch (LibvirtException e) {
                if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    return null;
                }
                throw e;
            } finally {
                d.free();
            }
        });
    }

    /** Returns the host's capabilities XML (CPU, guest architectures and the domain types each offers). */
    public String capabilities() throws HostException {
        return call("read capabilities", Connect::getCapabilities);
    }

    /** Returns the version of libvirt on the host (of its daemon when remote), such as {@code 9.0.0}. */
    public String libvirtVersion() throws HostException {
        return version(call("read libvirt version", Connect::getLibVersion));
    }

    /** Returns the version of the hypervisor libvirt drives there (QEMU's, for a {@code qemu://} URI). */
    public String hypervisorVersion() throws HostException {
        return version(call("read hypervisor version", Connect::getVersion));
    }

    /** Returns libvirt's {@code major * 1,000,000 + minor * 1,000 + release} as {@code major.minor.release}. */
    static String version(long packed) {
        return packed / 1_000_000 + "." + packed / 1_000 % 1_000 + "." + packed % 1_000;
    }

    private static Domain lookup(Connect c, String domain) throws LibvirtException {
        try {
            return c.domainLookupByName(domain);
        } catch (LibvirtException e) {
            if (e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return null;
            }
            throw e;
        }
    }

    private static DomainState map(DomainInfo.DomainState state) {
        switch (state) {
            case VIR_DOMAIN_PAUSED:
                return DomainState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN:
                return DomainState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF:
                return DomainState.SHUT_OFF;
            case VIR_DOMAIN_CRASHED:
                return DomainState.CRASHED;
            default:
                return DomainState.RUNNING;
        }
    }

    private static boolean alive(Connect c) {
        try {
            return c != null && c.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private static void closeQuietly(Connect c) {
        try {
            c.close();
        } catch (LibvirtException e) {
            LOG.debug("closing a broken connection failed: {}", e.getMessage());
        }
    }

    /** Closes the connection; later calls fail. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            if (connect != null) {
                closeQuietly(connect);
                connect = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "host=" + name + " uri=" + uri + " capacity=" + capacity;
    }
}
