package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.format.PidHash;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * pid → slot for the pids a page table keeps apart from its dense run (see {@link PageTable}): open addressing with
 * linear probing over two primitive arrays, so an entry costs 12 to 24 bytes instead of a boxed map entry's ~70. The
 * pids come from the log, so a crafted one may choose them: each table mixes a random seed of its own into the hash,
 * since the mix alone can be inverted and pids picked to share one probe run (n of them cost n² / 2 probes).
 */
final class PidSlots {

    private static final int NONE = -1;

    /** This table's hash seed, unknown to whoever wrote the log. */
    private final long seed = ThreadLocalRandom.current().nextLong();

    private long[] keys = new long[16];
    private int[] slots = filled(16);
    private int size;

    /** The slot of {@code pid}, or -1 when it has none. */
    int get(long pid) {
        int mask = keys.length - 1;
        for (int i = index(pid, mask); slots[i] != NONE; i = (i + 1) & mask) {
            if (keys[i] == pid) {
                return slots[i];
            }
        }
        return NONE;
    }

    /** Records the slot of a pid that has none yet. */
    void put(long pid, int slot) {
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        insert(keys, slots, pid, slot);
        size++;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = filled(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldSlots[i] != NONE) {
                insert(keys, slots, oldKeys[i], oldSlots[i]);
            }
        }
    }

    private void insert(long[] keys, int[] slots, long pid, int slot) {
        int mask = keys.length - 1;
        int i = index(pid, mask);
        while (slots[i] != NONE) {
            i = (i + 1) & mask;
        }
        keys[i] = pid;
        slots[i] = slot;
    }

    /** The seeded pid mixed by {@link PidHash}: pids in arithmetic steps, or chosen by inverting the mix, spread out. */
    private int index(long pid, int mask) {
        return (int) PidHash.of(pid, seed) & mask;
    }

    private static int[] filled(int length) {
        int[] array = new int[length];
        Arrays.fill(array, NONE);
        return array;
    }
}
