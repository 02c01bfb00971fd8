package coop.cpc.lakehouse.application.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes items submitted from many threads in groups, one write per group, in submission order:
 * each caller puts its item in a bounded queue and returns only once a write holding it has
 * succeeded (or throws that write's failure). While no write runs, a waiting caller becomes the
 * writer: it drains what is queued (at most {@code maxGroup} items) and writes it for everyone;
 * the others wait until that write ends and find their item done, or one of them writes next. No thread of its own: a write always runs on the
 * thread of a caller that is waiting for it.
 *
 * <p>A caller may submit several items at once ({@link #submitAll}: the audit entries of one request):
 * they stay together, in one write, and the caller returns once that write has succeeded. A group whose
 * write fails is written again one submission at a time, so that one bad item fails only its own caller.
 */
final class GroupCommit<T> {

    /** Writes a group of items durably, in list order, all or none. */
    @FunctionalInterface
    interface GroupWriter<T> {
        void write(List<T> group) throws Exception;
    }

    private final BlockingQueue<Pending<T>> queue;
    private final int maxGroup;
    private final GroupWriter<T> writer;
    private final Object monitor = new Object();
    /** Whether a caller is writing a group now; guarded by {@code monitor}. */
    private boolean writing;

    /**
     * @param capacity at most this many items wait at once; more callers block until there is room
     * @param maxGroup at most this many items in one write, unless one submission alone holds more
     */
    GroupCommit(int capacity, int maxGroup, GroupWriter<T> writer) {
        if (capacity < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("capacity and maxGroup must be at least 1");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxGroup = maxGroup;
        this.writer = writer;
    }

    /** Returns once the item is written; throws the failure of the write that held it. */
    void submit(T item) {
        submitAll(List.of(item));
    }

    /**
     * Returns once the items are written, together in one write and in list order; throws the failure of the
     * write that held them.
     */
    void submitAll(List<T> items) {
        if (items.isEmpty()) {
            return;
        }
        Pending<T> pending = new Pending<>(List.copyOf(items));
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before the item was queued", e);
        }
        boolean interrupted = false;
        while (true) {
            synchronized (monitor) {
                while (!pending.isDone() && writing) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        // The item is queued and will be written: wait for it, then restore the flag.
                        interrupted = true;
                    }
                }
                if (pending.isDone()) {
                    break;
                }
                writing = true;
            }
            try {
                writeQueued();
            } finally {
                synchronized (monitor) {
                    writing = false;
                    monitor.notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        pending.rethrow();
    }

    /** As the one writer: one write of what is queued now (at most maxGroup items, or one submission's). */
    private void writeQueued() {
        List<Pending<T>> group = new ArrayList<>();
        int items = 0;
        for (Pending<T> next; items < maxGroup && (next = queue.peek()) != null; ) {
            if (!group.isEmpty() && items + next.items.size() > maxGroup) {
                break;
            }
            group.add(queue.poll());
            items += next.items.size();
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            writer.write(items(group));
            group.forEach(p -> p.finish(null));
        } catch (Exception | Error groupFailure) {
            if (group.size() == 1) {
                group.get(0).finish(groupFailure);
                return;
            }
            for (Pending<T> one : group) {
                try {
                    writer.write(one.items);
                    one.finish(null);
                } catch (Exception | Error failure) {
                    one.finish(failure);
                }
            }
        }
    }

    private static <T> List<T> items(List<Pending<T>> group) {
        List<T> items = new ArrayList<>();
        for (Pending<T> p : group) {
            items.addAll(p.items);
        }
        return items;
    }

    private static final class Pending<T> {
        final List<T> items;
        private volatile boolean done;
        private volatile Throwable failure;

        Pending(List<T> items) {
            this.items = items;
        }

        boolean isDone() {
            return done;
        }

        void finish(Throwable failureOrNull) {
            failure = failureOrNull;
            done = true;
        }

        void rethrow() {
            Throwable f = failure;
            if (f == null) {
                return;
            }
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f.getMessage(), f);
        }
    }
}
