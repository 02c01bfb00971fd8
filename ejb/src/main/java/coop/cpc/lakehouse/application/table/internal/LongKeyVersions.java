package coop.cpc.lakehouse.application.table.internal;

/**
 * The newest change of each key of a single-integer primary key, in one open-addressing array: no boxed key
 * per row, and one probe (one cache line: the key and its newest sequence side by side) answers whether a
 * version is current (a merge looks up every row it reads). A version is hidden by a newer data row or a
 * newer delete alike, so one sequence per key, the newest of either kind, answers it.
 */
final class LongKeyVersions {
    /** A slot's sequence when the slot holds no key (every recorded sequence is greater). */
    private static final long EMPTY = Long.MIN_VALUE;

    /** Slot {@code s}: its key at {@code 2s}, the key's newest data or delete sequence at {@code 2s + 1}. */
    private long[] slots;

    private int mask;
    private int size;

    /** Presized slots are for at most this many keys (16 MB); a larger index grows as keys come. */
    static final long MAX_PRESIZED_KEYS = 1 << 18;

    LongKeyVersions() {
        this(0);
    }

    /** Sized for {@code expectedKeys} keys (at most {@link #MAX_PRESIZED_KEYS}) without growing. */
    LongKeyVersions(long expectedKeys) {
        long keys = Math.min(Math.max(expectedKeys, 0), MAX_PRESIZED_KEYS);
        int capacity = 1024;
        while (capacity <= 2 * keys) {
            capacity <<= 1;
        }
        allocate(capacity);
    }

    private void allocate(int capacity) {
        slots = new long[2 * capacity];
        for (int s = 1; s < slots.length; s += 2) {
            slots[s] = EMPTY;
        }
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The bytes its array takes: two longs per slot. */
    long estimatedBytes() {
        return 8L * slots.length;
    }

    /** Records a version of {@code key} (a data row or a delete: either hides every older version). */
    void put(long key, long sequence) {
        if (sequence == EMPTY) {
            throw new IllegalArgumentException("sequence " + sequence + " is below every data sequence");
        }
        if (size * 2 >= mask + 1) {
            grow();
        }
        int at = 2 * slot(key);
        if (slots[at + 1] == EMPTY) {
            slots[at] = key;
            size++;
        }
        slots[at + 1] = Math.max(slots[at + 1], sequence);
    }

    /** Whether the version of {@code key} with data sequence {@code sequence} is not hidden by a newer one. */
    boolean current(long key, long sequence) {
        // An empty slot's EMPTY is below every sequence: no branch on whether the key is there.
        return slots[2 * slot(key) + 1] <= sequence;
    }

    private int slot(long key) {
        int slot = mix(key) & mask;
        while (slots[2 * slot + 1] != EMPTY && slots[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] old = slots;
        allocate(2 * (mask + 1));
        for (int s = 0; s < old.length; s += 2) {
            if (old[s + 1] != EMPTY) {
                int at = 2 * slot(old[s]);
                slots[at] = old[s];
                slots[at + 1] = old[s + 1];
            }
        }
    }
}
