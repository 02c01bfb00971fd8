package coop.cpc.lakehouse.sled.log;

import java.util.Arrays;

/**
 * Per page: the newest fragment (0 = never written, -1 = free) and the LSN of the newest write applied to it, in two
 * primitive arrays indexed by slot: 12 bytes a page.
 */
final class PageStates {

    static final int ABSENT = 0;
    static final int FREE = -1;

    private int[] newest;
    private long[] newestLsn;

    PageStates(int capacity) {
        newest = new int[capacity];
        newestLsn = new long[capacity];
    }

    int capacity() {
        return newest.length;
    }

    /** Makes room for slots below {@code length}; new slots are absent. */
    void ensure(int length) {
        if (length > newest.length) {
            int capacity = (int)
                    Math.min(Integer.MAX_VALUE - 8, Math.max(length, newest.length + (long) (newest.length >> 1)));
            newest = Arrays.copyOf(newest, capacity);
            newestLsn = Arrays.copyOf(newestLsn, capacity);
        }
    }

    int newest(int slot) {
        return slot < newest.length ? newest[slot] : ABSENT;
    }

    long newestLsn(int slot) {
        return newestLsn[slot];
    }

    void set(int slot, int fragment, long lsn) {
        newest[slot] = fragment;
        newestLsn[slot] = lsn;
    }
}
