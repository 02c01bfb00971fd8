package coop.cpc.lakehouse.columnar.encoding;

import coop.cpc.lakehouse.columnar.encoding.dictionary.Dictionary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Counts a string chunk's distinct values by the String (its hash is cached, equal references compare at
 * once) instead of by each value's UTF-8 bytes, so a dictionary chunk converts each distinct string once.
 */
final class StringCount {
    private StringCount() {}

    /**
     * The dictionary {@link Dictionary#count} would make from the values' UTF-8 bytes, and each value's bytes
     * in {@code bytes} (shared by equal values); or null, with {@code bytes} untouched, when there are more
     * than {@code maxDistinct} distinct values or two distinct strings have the same bytes (malformed UTF-16).
     */
    static Dictionary dictionary(Object[] values, byte[][] bytes, int maxDistinct) {
        int capacity = Integer.highestOneBit(Math.max(4, Math.min(values.length, maxDistinct + 1)) * 2) * 2;
        String[] slots = new String[capacity];
        int[] slotId = new int[capacity];
        int mask = capacity - 1;
        String[] distinct = new String[Math.min(values.length, maxDistinct) + 1];
        int[] counts = new int[distinct.length];
        int[] ids = new int[values.length];
        int size = 0;
        for (int k = 0; k < values.length; k++) {
            String v = (String) values[k];
            int i = (v.hashCode() * 0x9E3779B1 >>> 7) & mask;
            String s;
            while ((s = slots[i]) != null && s != v && !s.equals(v)) {
                i = (i + 1) & mask;
            }
            int id;
            if (s == null) {
                if (size == maxDistinct) {
                    return null;
                }
                id = size++;
                slots[i] = v;
                slotId[i] = id;
                distinct[id] = v;
            } else {
                id = slotId[i];
            }
            counts[id]++;
            ids[k] = id;
        }
        byte[][] distinctBytes = new byte[size][];
        for (int d = 0; d < size; d++) {
            distinctBytes[d] = distinct[d].getBytes(StandardCharsets.UTF_8);
        }
        Dictionary byBytes = Dictionary.count(distinctBytes, size);
        if (byBytes == null || byBytes.size() != size) {
            return null;
        }
        for (int k = 0; k < values.length; k++) {
            bytes[k] = distinctBytes[ids[k]];
        }
        return Dictionary.of(distinctBytes, Arrays.copyOf(counts, size), ids);
    }
}
