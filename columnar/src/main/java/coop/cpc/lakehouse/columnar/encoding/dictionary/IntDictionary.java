package coop.cpc.lakehouse.columnar.encoding.dictionary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dictionary of distinct integers (section 5.1, INT_DICTIONARY): codes plus the distinct
 * values, either in ascending order (cheap to delta-code when the values are spread evenly) or
 * most frequent first (small codes for skewed data). The writer tries both.
 */
public final class IntDictionary {
  private IntDictionary() {}

  /** The entries in code order and, for each value, its code. */
  public record Encoded(long[] entries, long[] codes) {}

  /**
   * The number of distinct values, counting no further than stopAt + 1. An open-addressing
   * set of primitives: this runs on every integer chunk, most of which are not dictionaries.
   */
  public static int distinct(long[] values, int stopAt) {
    int capacity = Integer.highestOneBit(Math.max(4, Math.min(values.length, stopAt + 1)) * 2) * 2;
    long[] slots = new long[capacity];
    boolean[] used = new boolean[capacity];
    int mask = capacity - 1;
    int size = 0;
    for (long v : values) {
      int i = (int) (mix(v) & mask);
      while (used[i] && slots[i] != v) {
        i = (i + 1) & mask;
      }
      if (!used[i]) {
        used[i] = true;
        slots[i] = v;
        if (++size > stopAt) {
          break;
        }
      }
    }
    return size;
  }

  private static long mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  public static Encoded encode(long[] values, boolean byFrequency) {
    Map<Long, int[]> counts = new HashMap<>();
    for (long v : values) {
      counts.computeIfAbsent(v, k -> new int[1])[0]++;
    }
    List<Map.Entry<Long, int[]>> order = new ArrayList<>(counts.entrySet());
    order.sort((a, b) -> byFrequency && a.getValue()[0] != b.getValue()[0]
        ? Integer.compare(b.getValue()[0], a.getValue()[0])
        : Long.compare(a.getKey(), b.getKey()));
    long[] entries = new long[order.size()];
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < entries.length; i++) {
      entries[i] = order.get(i).getKey();
      index.put(entries[i], i);
    }
    long[] codes = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      codes[i] = index.get(values[i]);
    }
    return new Encoded(entries, codes);
  }
}
