package dev.goldsmith.builders.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

/**
 * Runs against libvirt's in-process test driver. Its {@code test:///default} state is shared by all connections of
 * the process while any is open, so the test keeps one open ({@code daemon}) to play the part of libvirtd.
 */
class LibvirtHostTest {

    private static final String URI = "test:///default";

    private final List<Connect> opened = new ArrayList<>();
    private Connect daemon;
    private LibvirtHost host;

    @BeforeEach
    void setUp() throws Exception {
        daemon = new Connect(URI);
        host = new LibvirtHost("local", URI, 2, uri -> {
            Connect c = new Connect(uri);
            opened.add(c);
            return c;
        }, Duration.ofMillis(10));
    }

    @AfterEach
    void tearDown() throws Exception {
        host.close();
        daemon.close();
    }

    @Test
    void connectsOnFirstUseOnly() throws Exception {
        assertEquals(0, host.connectionsOpened());

        host.state("goldsmith-nothing");
        host.state("goldsmith-nothing");

        assertEquals(1, host.connectionsOpened());
    }

    @Test
    void reportsLibvirtAndHypervisorVersionsAsDottedTriples() throws Exception {
        assertEquals("9.0.0", LibvirtHost.version(9_000_000L));
        assertEquals("7.2.13", LibvirtHost.version(7_002_013L));
        assertTrue(host.libvirtVersion().matches("\\d+\\.\\d+\\.\\d+"), host.libvirtVersion());
        assertTrue(host.hypervisorVersion().matches("\\d+\\.\\d+\\.\\d+"), host.hypervisorVersion());
    }

    @Test
    void startsATransientDomainThatCarriesGoldsmithsMark() throws Exception {
        DomainSpec spec = Specs.guest("goldsmith-host-start", "b1");

        host.start(spec);

        assertEquals(DomainState.RUNNING, host.state(spec.name()));
        assertTrue(host.isRunning(spec.name()));
        assertTrue(host.domainNames().contains(spec.name()));
        assertEquals(Optional.of(spec.mark()), DomainXml.readMark(host.domainXml(spec.name())));
        assertEquals(0, daemon.domainLookupByName(spec.name()).isPersistent(), "transient");
        host.destroy(spec.name());
    }

    @Test
    void destroyedTransientDomainIsGone() throws Exception {
        DomainSpec spec = Specs.guest("goldsmith-host-destroy", "b1");
        host.start(spec);

        assertTrue(host.destroy(spec.name()));

        assertEquals(DomainState.GONE, host.state(spec.name()));
        assertFalse(host.isRunning(spec.name()));
        assertFalse(host.destroy(spec.name()), "nothing left to destroy");
        assertEquals(null, host.domainXml(spec.name()));
    }

    @Test
    void waitEndsWhenTheDomainShutsOff() throws Exception {
        DomainSpec spec = Specs.guest("goldsmith-host-wait", "b1");
        host.start(spec);
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        Future<LibvirtHost.Wait> waiting = waiter.submit(() -> host.awaitShutoff(spec.name(), Duration.ofMinutes(10)));

        daemon.domainLookupByName(spec.name()).destroy();

        assertEquals(LibvirtHost.Wait.SHUT_OFF, waiting.get());
        waiter.shutdown();
    }

    @Test
    void waitReportsThePassedDeadlineWhileTheDomainRuns() throws Exception {
        DomainSpec spec = Specs.guest("goldsmith-host-deadline", "b1");
        host.start(spec);

        LibvirtHost.Wait outcome = host.awaitShutoff(spec.name(), Duration.ofMillis(30));

        assertEquals(LibvirtHost.Wait.DEADLINE_PASSED, outcome);
        assertTrue(host.isRunning(spec.name()));
        host.destroy(spec.name());
    }

    @Test
    void waitStopsWhenCancelled() throws Exception {
        DomainSpec spec = Specs.guest("goldsmith-host-cancel", "b1");
        host.start(spec);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                host.awaitShutoff(spec.name(), Duration.ofMinutes(10));
                failure.complete(null);
            } catch (Throwable e) {
                failure.complete(e);
            }
        });
        waiter.start();

        waiter.interrupt();

        assertTrue(failure.get() instanceof InterruptedException, String.valueOf(failure.get()));
        assertTrue(host.isRunning(spec.name()), "cancelling the wait leaves the domain to its cleanup step");
        host.destroy(spec.name());
    }

    @Test
    void reopensTheConnectionAfterItBroke() throws Exception {
        DomainSpec spec = Specs.guest("goldsmith-host-reopen", "b1");
        host.start(spec);
        opened.get(0).close();

        DomainState state = host.state(spec.name());

        assertEquals(DomainState.RUNNING, state);
        assertEquals(2, host.connectionsOpened());
        host.destroy(spec.name());
    }

    @Test
    void hostThatCannotBeReachedFailsAsUnreachable() {
        LibvirtHost absent = new LibvirtHost("gone", "test:///nonexistent/goldsmith-node.xml", 1);

        HostException e = assertThrows(HostException.class, () -> absent.state("goldsmith-x"));

        assertTrue(e.unreachable());
        assertTrue(e.getMessage().startsWith("host=gone uri=test:///nonexistent/goldsmith-node.xml: cannot connect"),
                e.getMessage());
        absent.close();
    }

    @Test
    void refusedOperationIsNotMistakenForALostHost() throws Exception {
        DomainSpec spec = Specs.guest("goldsmith-host-twice", "b1");
        host.start(spec);

        HostException e = assertThrows(HostException.class, () -> host.start(spec));

        assertFalse(e.unreachable());
        assertTrue(e.getMessage().contains("start goldsmith-host-twice"), e.getMessage());
        assertEquals(1, host.connectionsOpened());
        host.destroy(spec.name());
    }

    @Test
    void closedHostRefusesWork() {
        host.close();

        HostException e = assertThrows(HostException.class, () -> host.state("goldsmith-x"));
        assertTrue(e.getMessage().endsWith("closed"), e.getMessage());
    }

    @Test
    void uriWithoutHostPartIsLocal() {
        assertTrue(new LibvirtHost("a", "qemu:///system", 1).local());
        assertFalse(new LibvirtHost("b", "qemu+ssh://builder@host.example.org/system", 1).local());
    }

    @Test
    void waitForDomainThatNeverExistedEndsAtOnce() throws Exception {
        assertEquals(LibvirtHost.Wait.SHUT_OFF, host.awaitShutoff("goldsmith-never", Duration.ofMinutes(10)));
    }
}
