package coop.cpc.lakehouse.columnar.encoding.dictionary;

import java.util.Arrays;

/** Sorting of distinct integers (a dictionary's values), by a bitmap when their range is narrow. */
final class DistinctLongs {
    /**
     * A bitmap of the range is used when it has at most this many bits per value: its words are then scanned
     * in about the time the values take to be set (a chunk's account ids or amounts: a few thousand values in a
     * range of tens of thousands), where a comparison sort takes log2(n) passes.
     */
    static final int MAX_BITS_PER_VALUE = 256;

    private DistinctLongs() {}

    /**
     * Sorts {@code values} ascending; they must be distinct. The same order as {@link Arrays#sort(long[])}: a bitmap
     * of max - min + 1 bits when that is at most {@link #MAX_BITS_PER_VALUE} per value, else that sort.
     */
    static void sortAscending(long[] values) {
        int n = values.length;
        if (n < 2) {
            return;
        }
        long min = values[0];
        long max = values[0];
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        long range = max - min;
        // range < 0: the difference overflowed (it is above Long.MAX_VALUE).
        if (range < 0 || range >= (long) MAX_BITS_PER_VALUE * n) {
            Arrays.sort(values);
            return;
        }
        long[] bits = new long[(int) (range >>> 6) + 1];
        for (long v : values) {
            long offset = v - min;
            bits[(int) (offset >>> 6)] |= 1L << offset;
        }
        int k = 0;
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            long base = min + ((long) w << 6);
            while (word != 0) {
                values[k++] = base + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
    }
}
