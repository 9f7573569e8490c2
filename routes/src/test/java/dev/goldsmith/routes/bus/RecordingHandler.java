package dev.goldsmith.routes.bus;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A consumer handler for tests: remembers every record key it handled, in order, duplicates included. */
final class RecordingHandler implements Processor {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    @Override
    public void process(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        lock.lock();
        try {
            handled.add(body);
            distinct.add(body);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} distinct records were handled, as long as records keep arriving: returns
     * false once {@code stall} passes without a new one. A loaded machine makes the consumer slow, not stuck.
     */
    boolean awaitDistinct(int count, long stall, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            int seen = distinct.size();
            long deadline = System.nanoTime() + unit.toNanos(stall);
            while (distinct.size() < count) {
                if (distinct.size() > seen) {
                    seen = distinct.size();
                    deadline = System.nanoTime() + unit.toNanos(stall);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    List<String> handled() {
        return List.copyOf(handled);
    }

    Set<String> distinct() {
        return Set.copyOf(distinct);
    }
}
