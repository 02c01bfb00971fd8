package coop.cpc.lakehouse.sled.log;

import java.util.Arrays;

/** (pid, LSN) pairs in two primitive arrays: 16 bytes a write, where a {@link LogEntry} kept in a list costs ~70. */
final class PageWrites {

    private long[] pids = new long[0];
    private long[] lsns = new long[0];
    private int size;

    void add(long pid, long lsn) {
        if (size == pids.length) {
            int capacity = Math.max(4, size + (size >> 1));
            pids = Arrays.copyOf(pids, capacity);
            lsns = Arrays.copyOf(lsns, capacity);
        }
        pids[size] = pid;
        lsns[size] = lsn;
        size++;
    }

    int size() {
        return size;
    }

    long pid(int index) {
        return pids[index];
    }

    long lsn(int index) {
        return lsns[index];
    }
}
