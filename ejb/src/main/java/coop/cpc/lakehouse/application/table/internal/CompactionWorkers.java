package coop.cpc.lakehouse.application.table.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * The threads of one compaction, with two queues: the merge waits for what it reads (the index, the next row
 * group's decode), so those tasks run before any queued encoding of output row groups, which only has to be
 * done before the writer holds too many full row groups. In one first-in-first-out queue a row group's decode
 * waited behind the encoding of the row groups before it while the merge and so the encoder's next input
 * stood still. Tasks never wait for each other, so the pool cannot deadlock.
 */
final class CompactionWorkers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompactionWorkers.class.getName());
    /** How long {@link #close} waits for the running tasks to notice the interrupt (one row group's work). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final ArrayDeque<Runnable> urgent = new ArrayDeque<>();
    private final ArrayDeque<Runnable> later = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean closed;

    /** As many threads as {@code columns}, up to the processors, at least one. */
    CompactionWorkers(int columns) {
        int count = Math.max(1, Math.min(columns, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::work, "compaction-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Runs its tasks before any of {@link #later()}'s still queued. */
    Executor urgent() {
        return task -> submit(urgent, task);
    }

    /** Runs its tasks when no urgent one waits. */
    Executor later() {
        return task -> submit(later, task);
    }

    private synchronized void submit(ArrayDeque<Runnable> queue, Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("the compaction's workers are stopped");
        }
        queue.addLast(task);
        notify();
    }

    private synchronized Runnable next() throws InterruptedException {
        while (!closed && urgent.isEmpty() && later.isEmpty()) {
            wait();
        }
        if (closed) {
            return null;
        }
        return urgent.isEmpty() ? later.pollFirst() : urgent.pollFirst();
    }

    private void work() {
        try {
            for (Runnable task = next(); task != null; task = next()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // The submitter's future holds the failure (CompletableFuture tasks never throw here); the
                    // thread stays for the other tasks.
                    LOG.fine(() -> "A compaction task failed: " + e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops the queued tasks, interrupts the running ones (as {@code ExecutorService.shutdownNow}) and waits for
     * them to stop, so that nothing of a failed compaction runs on after it: its index build stops at its next
     * read (an interrupt closes the segment's file channel).
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            urgent.clear();
            later.clear();
            notifyAll();
        }
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warning(() -> thread.getName() + " did not stop within " + STOP_WAIT.toSeconds() + " s");
                    break;
                }
                try {
                    thread.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
