package coop.cpc.lakehouse.application.table.internal;

import java.util.Arrays;

/**
 * The newest data and delete sequence of each key of a single-integer primary key, in open-addressing
 * arrays: no boxed key per row and one probe answers both questions (a merge looks up every row it reads).
 */
final class LongKeyVersions {
    private static final long NONE = Long.MIN_VALUE;

    private long[] keys;
    private long[] data;
    private long[] deletes;
    private boolean[] used;
    private int size;

    LongKeyVersions() {
        allocate(1024);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        data = new long[capacity];
        deletes = new long[capacity];
        used = new boolean[capacity];
        Arrays.fill(data, NONE);
        Arrays.fill(deletes, NONE);
    }

    int size() {
        return size;
    }

    /** The bytes its arrays take: three longs and a flag per slot. */
    long estimatedBytes() {
        return 25L * keys.length;
    }

    /** Records a version of {@code key}: the newest of each kind wins. */
    void put(long key, long sequence, boolean delete) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int slot = slot(key);
        if (!used[slot]) {
            used[slot] = true;
            keys[slot] = key;
            size++;
        }
        long[] target = delete ? deletes : data;
        target[slot] = Math.max(target[slot], sequence);
    }

    /** Whether the version of {@code key} with data sequence {@code sequence} is not hidden by a newer one. */
    boolean current(long key, long sequence) {
        int slot = slot(key);
        if (!used[slot]) {
            return true;
        }
        return data[slot] <= sequence && deletes[slot] <= sequence;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (used[slot] && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldData = data;
        long[] oldDeletes = deletes;
        boolean[] oldUsed = used;
        allocate(oldKeys.length * 2);
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldUsed[s]) {
                int slot = slot(oldKeys[s]);
                used[slot] = true;
                keys[slot] = oldKeys[s];
                data[slot] = oldData[s];
                deletes[slot] = oldDeletes[s];
            }
        }
    }
}
