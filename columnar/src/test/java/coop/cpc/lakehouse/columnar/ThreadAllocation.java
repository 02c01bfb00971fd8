package coop.cpc.lakehouse.columnar;

import java.lang.management.ManagementFactory;

/** Test helper: the bytes the current thread allocates while running an action (HotSpot's per-thread counter). */
public final class ThreadAllocation {
    private ThreadAllocation() {}

    /** An action that may throw; its exception is what the caller asserts on, after the measurement. */
    public interface Action {
        void run() throws Exception;
    }

    /** What running the action cost in allocated bytes, and what it threw (null if nothing). */
    public record Measured(long bytes, Throwable thrown) {}

    public static Measured of(Action action) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            action.run();
        } catch (Exception | OutOfMemoryError e) {
            thrown = e;
        }
        return new Measured(bean.getCurrentThreadAllocatedBytes() - before, thrown);
    }
}
