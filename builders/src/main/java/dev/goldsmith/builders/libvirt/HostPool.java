package dev.goldsmith.builders.libvirt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builder hosts and their build slots. {@link #acquire()} hands out a slot on the host with the most free
 * slots, or queues the caller, first come first served, until one is released.
 */
public final class HostPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostPool.class);

    private final Map<LibvirtHost, Integer> busy = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Deque<Object> queue = new ArrayDeque<>();

    /** Creates a pool of {@code hosts}; host names must be distinct. */
    public HostPool(List<LibvirtHost> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a host pool needs at least one host");
        }
        for (LibvirtHost host : hosts) {
            if (busy.keySet().stream().anyMatch(h -> h.name().equals(host.name()))) {
                throw new IllegalArgumentException("host name " + host.name() + " appears twice");
            }
            busy.put(host, 0);
        }
    }

    /** Returns the hosts in configured order. */
    public List<LibvirtHost> hosts() {
        return List.copyOf(busy.keySet());
    }

    /**
     * Takes a build slot, waiting behind earlier callers while every slot is busy.
     *
     * @return the lease on the slot; closing it gives the slot back
     * @throws InterruptedException when interrupted while queued; the caller then holds no slot
     */
    public Lease acquire() throws InterruptedException {
        Object ticket = new Object();
        lock.lockInterruptibly();
        try {
            queue.addLast(ticket);
            try {
                LibvirtHost host;
                while (queue.peekFirst() != ticket || (host = freest()) == null) {
                    released.await();
                }
                queue.removeFirst();
                busy.merge(host, 1, Integer::sum);
                // The next in line may find a slot free on another host.
                released.signalAll();
                LOG.debug("host={} slot taken busy={}/{} queued={}", host.name(), busy.get(host), host.capacity(),
                        queue.size());
                return new Lease(host);
            } catch (InterruptedException e) {
                queue.remove(ticket);
                released.signalAll();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many callers are waiting for a slot. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many slots are free across all hosts. */
    public int freeSlots() {
        lock.lock();
        try {
            return busy.entrySet().stream().mapToInt(e -> e.getKey().capacity() - e.getValue()).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the host with the most free slots (the first configured on a tie), or null when all are full. */
    private LibvirtHost freest() {
        LibvirtHost best = null;
        int bestFree = 0;
        for (Map.Entry<LibvirtHost, Integer> e : busy.entrySet()) {
            int free = e.getKey().capacity() - e.getValue();
            if (free > bestFree) {
                best = e.getKey();
                bestFree = free;
            }
        }
        return best;
    }

    private void release(LibvirtHost host) {
        lock.lock();
        try {
            busy.merge(host, -1, Integer::sum);
            released.signalAll();
            LOG.debug("host={} slot released busy={}/{}", host.name(), busy.get(host), host.capacity());
        } finally {
            lock.unlock();
        }
    }

    /** Closes every host's connection. */
    @Override
    public void close() {
        busy.keySet().forEach(LibvirtHost::close);
    }

    /** A build slot on one host, held until closed. Closing twice releases once. */
    public final class Lease implements AutoCloseable {

        private final LibvirtHost host;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Lease(LibvirtHost host) {
            this.host = host;
        }

        /** Returns the host the slot is on. */
        public LibvirtHost host() {
            return host;
        }

        /** Gives the slot back. */
        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(host);
            }
        }
    }
}
