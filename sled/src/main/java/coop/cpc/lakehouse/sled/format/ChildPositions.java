package coop.cpc.lakehouse.sled.format;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The positions of an index node's children by pid, removed one merge at a time in list order, in primitive arrays:
 * about 9 to 15 bytes a child, where a map of boxed pids to queues of boxed positions cost about 177.
 *
 * <p>An open-addressing table (linear probing) maps each pid to its first position; its key is read from the children
 * list. The hash mixes in a seed drawn per instance, so a crafted node cannot choose pids that share one probe run and
 * make building the table quadratic. {@code next} chains the positions of a repeated pid in order; once a pid's first
 * position is removed, its {@code next} entry holds the first one not yet removed, so every removal is constant time.
 */
final class ChildPositions {

    private static final int EMPTY = -1;

    private final List<Long> children;
    private final long seed = ThreadLocalRandom.current().nextLong();
    /** First position of a pid, or {@link #EMPTY}; the pid is {@code children.get(position)}. */
    private final int[] firsts;

    private final int[] next;
    private final BitSet removed;

    ChildPositions(List<Long> children) {
        this.children = children;
        int count = children.size();
        firsts = new int[capacity(count)];
        Arrays.fill(firsts, EMPTY);
        next = new int[count];
        removed = new BitSet(count);
        // From the last position back, so each pid's chain ends up in list order and the table holds its first.
        for (int position = count - 1; position >= 0; position--) {
            int slot = slotOf(children.get(position));
            next[position] = firsts[slot];
            firsts[slot] = position;
        }
    }

    /** Removes the first position of {@code pid} not yet removed and returns it, or -1 when none is left. */
    int removeFirst(long pid) {
        int first = firsts[slotOf(pid)];
        if (first == EMPTY) {
            return -1;
        }
        if (!removed.get(first)) {
            removed.set(first);
            return first;
        }
        int position = next[first];
        if (position == EMPTY) {
            return -1;
        }
        removed.set(position);
        next[first] = next[position];
        return position;
    }

    boolean isRemoved(int position) {
        return removed.get(position);
    }

    /** The slot that holds {@code pid}, or the empty slot where it belongs. */
    private int slotOf(long pid) {
        int mask = firsts.length - 1;
        int slot = (int) PidHash.of(pid, seed) & mask;
        while (firsts[slot] != EMPTY && children.get(firsts[slot]) != pid) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** A power of two at least 4/3 of {@code count}, so the table is at most three quarters full. */
    private static int capacity(int count) {
        long wanted = Math.max(2L, count + count / 3L + 1);
        long capacity = Long.highestOneBit(wanted - 1) << 1;
        if (capacity > 1 << 30) {
            // Unreachable from a page: a node's payload is at most 64 MiB and a child takes at least two bytes.
            throw new IllegalArgumentException("an index node of " + count + " children is too large to merge into");
        }
        return (int) capacity;
    }
}
