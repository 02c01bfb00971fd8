package coop.cpc.lakehouse.columnar.encoding.dictionary;

import java.util.Arrays;

/**
 * A dictionary of distinct integers (section 5.1, INT_DICTIONARY): codes plus the distinct
 * values, either in ascending order (cheap to delta-code when the values are spread evenly) or
 * most frequent first (small codes for skewed data). The writer tries both, from one count.
 */
public final class IntDictionary {
    /** The distinct values in first-seen order, their counts, and each input value's distinct index. */
    private final long[] distinctValues;

    private final int[] counts;
    private final int[] ids;
    /**
     * The distinct values ascending and each one's rank among them, sorted once for both orders of {@link
     * #encode(boolean)} (the writer tries both).
     */
    private long[] ascending;

    private int[] rankOf;

    /**
     * The counting table of {@link #count} (open addressing: a slot's value and its distinct index, or -1), sized by
     * the chunk's rows; let go once the ranks are known, so that it does not stay alive while the chunk's other
     * encodings are tried.
     */
    private long[] slots;

    private int[] slotId;

    private IntDictionary(long[] distinctValues, int[] counts, int[] ids, long[] slots, int[] slotId) {
        this.distinctValues = distinctValues;
        this.counts = counts;
        this.ids = ids;
        this.slots = slots;
        this.slotId = slotId;
    }

    /** The distinct index of {@code v}, one of the counted values. */
    private int idOf(long v) {
        int mask = slots.length - 1;
        int i = (int) (mix(v) & mask);
        while (slots[i] != v || slotId[i] < 0) {
            i = (i + 1) & mask;
        }
        return slotId[i];
    }

    /** The entries in code order and, for each value, its code. */
    public record Encoded(long[] entries, long[] codes) {}

    /**
     * Counts the distinct values with an open-addressing table of primitives, or returns null as soon as
     * there are more than {@code maxDistinct} (this runs on every integer chunk, most of which are not
     * dictionaries).
     */
    public static IntDictionary count(long[] values, int maxDistinct) {
        // Ids and timestamps usually arrive ascending: their distinct values are then counted without a table,
        // and a chunk with too many (the usual case for them) is refused before any is hashed.
        if (distinctIfAscending(values) > maxDistinct) {
            return null;
        }
        int capacity = Integer.highestOneBit(Math.max(4, Math.min(values.length, maxDistinct + 1)) * 2) * 2;
        long[] slots = new long[capacity];
        int[] slotId = new int[capacity];
        Arrays.fill(slotId, -1);
        int mask = capacity - 1;
        long[] distinct = new long[Math.min(values.length, maxDistinct) + 1];
        int[] counts = new int[distinct.length];
        int[] ids = new int[values.length];
        int size = 0;
        for (int k = 0; k < values.length; k++) {
            long v = values[k];
            int i = (int) (mix(v) & mask);
            while (slotId[i] >= 0 && slots[i] != v) {
                i = (i + 1) & mask;
            }
            int id = slotId[i];
            if (id < 0) {
                if (size == maxDistinct) {
                    return null;
                }
                id = size++;
                slotId[i] = id;
                slots[i] = v;
                distinct[id] = v;
            }
            counts[id]++;
            ids[k] = id;
        }
        return new IntDictionary(Arrays.copyOf(distinct, size), counts, ids, slots, slotId);
    }

    /**
     * The number of distinct values when {@code values} never decrease (each one that differs from the one before
     * is new), else -1 (found at the first decrease, so unsorted values cost a few comparisons).
     */
    static int distinctIfAscending(long[] values) {
        int n = values.length;
        if (n == 0) {
            return 0;
        }
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            long previous = values[i - 1];
            long v = values[i];
            if (v < previous) {
                return -1;
            }
            distinct += v != previous ? 1 : 0;
        }
        return distinct;
    }

    /** The distinct values, in first-seen order. */
    public long[] values() {
        return distinctValues.clone();
    }

    /** The number of distinct values. */
    public int size() {
        return distinctValues.length;
    }

    private static long mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** The dictionary of all values; see {@link #encode(boolean)}. */
    public static Encoded encode(long[] values, boolean byFrequency) {
        return count(values, values.length).encode(byFrequency);
    }

    /** Entries ascending, or most frequent first with ties ascending, and the code of every value. */
    public Encoded encode(boolean byFrequency) {
        // Primitive sorts (no boxed comparator): first the values ascending, then, by frequency, codes by count
        // descending with ties by ascending rank.
        int n = distinctValues.length;
        if (ascending == null) {
            ascending = distinctValues.clone();
            DistinctLongs.sortAscending(ascending);
            rankOf = new int[n];
            for (int rank = 0; rank < n; rank++) {
                rankOf[idOf(ascending[rank])] = rank;
            }
            slots = null;
            slotId = null;
        }
        int[] codeOf;
        long[] entries;
        if (byFrequency) {
            int[] idOfRank = new int[n];
            int maxCount = 0;
            for (int i = 0; i < n; i++) {
                idOfRank[rankOf[i]] = i;
                maxCount = Math.max(maxCount, counts[i]);
            }
            codeOf = new int[n];
            entries = maxCount <= 4L * n + 64
                    ? byCountingSort(idOfRank, maxCount, codeOf)
                    : byPackedKeys(idOfRank, codeOf);
        } else {
            entries = ascending.clone();
            codeOf = rankOf;
        }
        long[] codes = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            codes[i] = codeOf[ids[i]];
        }
        return new Encoded(entries, codes);
    }

    /**
     * Most frequent first by a counting sort over the counts, filled in rank order (the order of sorting (count
     * descending, rank) keys, without the sort): for counts not much above the number of distinct values, whose
     * table of counts is then small.
     */
    private long[] byCountingSort(int[] idOfRank, int maxCount, int[] codeOf) {
        int n = idOfRank.length;
        int[] next = new int[maxCount + 2];
        for (int i = 0; i < n; i++) {
            next[maxCount - counts[i] + 1]++;
        }
        for (int k = 1; k < next.length; k++) {
            next[k] += next[k - 1];
        }
        long[] entries = new long[n];
        for (int rank = 0; rank < n; rank++) {
            int id = idOfRank[rank];
            int code = next[maxCount - counts[id]]++;
            entries[code] = ascending[rank];
            codeOf[id] = code;
        }
        return entries;
    }

    /** Most frequent first by sorting (count descending, rank) keys packed into longs: for a few very frequent values. */
    private long[] byPackedKeys(int[] idOfRank, int[] codeOf) {
        int n = idOfRank.length;
        long[] keys = new long[n];
        for (int rank = 0; rank < n; rank++) {
            keys[rank] = ((long) (Integer.MAX_VALUE - counts[idOfRank[rank]]) << 32) | rank;
        }
        Arrays.sort(keys);
        long[] entries = new long[n];
        for (int code = 0; code < n; code++) {
            int rank = (int) keys[code];
            entries[code] = ascending[rank];
            codeOf[idOfRank[rank]] = code;
        }
        return entries;
    }
}
