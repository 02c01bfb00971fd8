package coop.cpc.lakehouse.columnar.encoding.dictionary;

import java.util.Arrays;

/**
 * A dictionary of distinct byte strings (section 5.1, DICTIONARY), most frequent first and,
 * among equally frequent ones, in unsigned byte order.
 */
public final class Dictionary {
    private final byte[][] distinctValues;
    private final int[] counts;
    private final int[] ids;

    private Dictionary(byte[][] distinctValues, int[] counts, int[] ids) {
        this.distinctValues = distinctValues;
        this.counts = counts;
        this.ids = ids;
    }

    /** The entries in code order and, for each value, its code. */
    public record Encoded(byte[][] entries, long[] codes) {}

    /**
     * Counts the distinct values with an open-addressing table keyed by the bytes' hash, or returns null as
     * soon as there are more than {@code maxDistinct}.
     */
    public static Dictionary count(byte[][] values, int maxDistinct) {
        int capacity = Integer.highestOneBit(Math.max(4, Math.min(values.length, maxDistinct + 1)) * 2) * 2;
        int[] slotHash = new int[capacity];
        int[] slotId = new int[capacity];
        Arrays.fill(slotId, -1);
        int mask = capacity - 1;
        byte[][] distinct = new byte[Math.min(values.length, maxDistinct) + 1][];
        int[] counts = new int[distinct.length];
        int[] ids = new int[values.length];
        int size = 0;
        for (int k = 0; k < values.length; k++) {
            byte[] v = values[k];
            int h = Arrays.hashCode(v) * 0x9E3779B1;
            int i = (h >>> 7) & mask;
            while (slotId[i] >= 0 && (slotHash[i] != h || !Arrays.equals(distinct[slotId[i]], v))) {
                i = (i + 1) & mask;
            }
            int id = slotId[i];
            if (id < 0) {
                if (size == maxDistinct) {
                    return null;
                }
                id = size++;
                slotId[i] = id;
                slotHash[i] = h;
                distinct[id] = v;
            }
            counts[id]++;
            ids[k] = id;
        }
        return new Dictionary(Arrays.copyOf(distinct, size), counts, ids);
    }

    /**
     * The dictionary of strings already told apart: {@code distinct} in first-seen order, their counts and each
     * value's distinct index, as {@link #count} would find them from the values' bytes (for strings counted by
     * the String, whose UTF-8 form is one per well-formed string).
     */
    public static Dictionary of(byte[][] distinct, int[] counts, int[] ids) {
        return new Dictionary(distinct, counts, ids);
    }

    /** The number of distinct values. */
    public int size() {
        return distinctValues.length;
    }

    /** For each distinct value (first-seen order), the index of the first value that holds it. */
    public int[] firstIndex() {
        int[] first = new int[distinctValues.length];
        Arrays.fill(first, -1);
        for (int k = 0, found = 0; k < ids.length && found < first.length; k++) {
            if (first[ids[k]] < 0) {
                first[ids[k]] = k;
                found++;
            }
        }
        return first;
    }

    /** The distinct values, in first-seen order. */
    public byte[][] values() {
        return distinctValues.clone();
    }

    /** The dictionary of all values. */
    public static Encoded encode(byte[][] values) {
        return count(values, values.length).encode();
    }

    /** Entries most frequent first (ties in unsigned byte order) and the code of every value. */
    public Encoded encode() {
        int n = distinctValues.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Most frequent first: the frequent values get the smallest codes, which AV1 codes cheapest.
        Arrays.sort(
                order,
                (a, b) -> counts[a] != counts[b]
                        ? Integer.compare(counts[b], counts[a])
                        : Arrays.compareUnsigned(distinctValues[a], distinctValues[b]));
        byte[][] entries = new byte[n][];
        int[] codeOf = new int[n];
        for (int i = 0; i < n; i++) {
            entries[i] = distinctValues[order[i]];
            codeOf[order[i]] = i;
        }
        long[] codes = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            codes[i] = codeOf[ids[i]];
        }
        return new Encoded(entries, codes);
    }
}
