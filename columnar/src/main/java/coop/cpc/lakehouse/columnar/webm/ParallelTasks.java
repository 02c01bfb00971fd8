package coop.cpc.lakehouse.columnar.webm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs indexed tasks (one per track, or per track and row group) on a bounded pool of up to the
 * given number of threads, and returns the results in index order; with one thread it runs them in
 * the caller's thread. Tasks are independent (their own AV1 encoder or decoder), so the output does
 * not depend on the thread count.
 */
public final class ParallelTasks {
    /** A task that may fail with an IOException. */
    public interface Task<T> {
        T run(int index) throws IOException;
    }

    private ParallelTasks() {}

    public static <T> List<T> run(int threads, int count, Task<T> task) throws IOException {
        return run(threads, count, null, task);
    }

    /**
     * As {@link #run(int, int, Task)}, starting the tasks in the order of {@code cost}, highest first (null: in
     * index order): with one task costing as much as several others, starting it last would leave every other
     * thread idle at the end. The results are still in index order.
     */
    public static <T> List<T> run(int threads, int count, long[] cost, Task<T> task) throws IOException {
        List<T> out = new ArrayList<>(count);
        if (threads <= 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                out.add(task.run(i));
            }
            return out;
        }
        int[] start = startOrder(count, cost);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count), r -> {
            Thread t = new Thread(r, "webm-columnar-track");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                futures.add(null);
            }
            for (int index : start) {
                futures.set(index, pool.submit(() -> task.run(index)));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(cause));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Task indexes by falling cost, equal costs (or no costs) in index order. */
    static int[] startOrder(int count, long[] cost) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        if (cost != null) {
            Arrays.sort(order, (a, b) -> Long.compare(cost[b], cost[a]));
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
