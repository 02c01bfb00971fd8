package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.format.DiskPointer;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Every page fragment recovery recorded, in primitive arrays: its LSN, its log offset, the blob LSN of a blob
 * pointer, and the page's previous fragment (0 for a base), so that one fragment costs about 20 bytes. Fragments of a
 * page that was replaced or freed later are not reclaimed: there are at most as many as snapshot entries and log
 * messages read.
 */
final class FragmentList {

    private long[] lsns;
    private long[] logOffsets;
    private int[] previous;
    private final BitSet blob = new BitSet();
    private long[] blobLsns = new long[0];
    private int size;

    FragmentList(int capacity) {
        lsns = new long[capacity];
        logOffsets = new long[capacity];
        previous = new int[capacity];
    }

    /**
     * Adds a fragment whose page's previous fragment is {@code previousId} (0 for none), a blob pointer when {@code
     * isBlob}, and returns its id (≥ 1).
     */
    int add(long lsn, long logOffset, boolean isBlob, long blobLsn, int previousId) {
        if (size == lsns.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, size + (long) (size >> 1)));
            lsns = Arrays.copyOf(lsns, capacity);
            logOffsets = Arrays.copyOf(logOffsets, capacity);
            previous = Arrays.copyOf(previous, capacity);
        }
        lsns[size] = lsn;
        logOffsets[size] = logOffset;
        previous[size] = previousId;
        if (isBlob) {
            if (blobLsns.length <= size) {
                blobLsns = Arrays.copyOf(blobLsns, lsns.length);
            }
            blobLsns[size] = blobLsn;
            blob.set(size);
        }
        return ++size;
    }

    long lsn(int id) {
        return lsns[id - 1];
    }

    long logOffset(int id) {
        return logOffsets[id - 1];
    }

    /** The page's fragment before {@code id}, or 0 when {@code id} is its base. */
    int previous(int id) {
        return previous[id - 1];
    }

    PageLocation location(int id) {
        int index = id - 1;
        DiskPointer pointer = blob.get(index)
                ? new DiskPointer.Blob(logOffsets[index], blobLsns[index])
                : new DiskPointer.Inline(logOffsets[index]);
        return new PageLocation(lsns[index], pointer);
    }
}
