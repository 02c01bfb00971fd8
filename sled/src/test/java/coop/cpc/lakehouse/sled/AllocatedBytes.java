package coop.cpc.lakehouse.sled;

import java.lang.management.ManagementFactory;

/** Heap a piece of code allocates, counted on the calling thread (HotSpot's thread allocation counter). */
public final class AllocatedBytes {

    private AllocatedBytes() {}

    public static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        action.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
