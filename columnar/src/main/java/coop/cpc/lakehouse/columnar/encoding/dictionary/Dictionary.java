package coop.cpc.lakehouse.columnar.encoding.dictionary;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A dictionary of distinct byte strings (section 5.1, DICTIONARY), most frequent first and,
 * among equally frequent ones, in unsigned byte order.
 */
public final class Dictionary {
  private Dictionary() {}

  /** The entries in code order and, for each value, its code. */
  public record Encoded(byte[][] entries, long[] codes) {}

  /** Number of distinct values (cheap pre-check before building). */
  public static int distinct(byte[][] values, int stopAt) {
    HashSet<ByteBuffer> seen = new HashSet<>();
    for (byte[] v : values) {
      seen.add(ByteBuffer.wrap(v));
      if (seen.size() > stopAt) {
        break;
      }
    }
    return seen.size();
  }

  public static Encoded encode(byte[][] values) {
    Map<ByteBuffer, int[]> counts = new HashMap<>();
    for (byte[] v : values) {
      counts.computeIfAbsent(ByteBuffer.wrap(v), k -> new int[1])[0]++;
    }
    // Most frequent first: the frequent values get the smallest codes, which AV1 codes cheapest.
    List<Map.Entry<ByteBuffer, int[]>> order = new ArrayList<>(counts.entrySet());
    order.sort((a, b) -> a.getValue()[0] != b.getValue()[0]
        ? Integer.compare(b.getValue()[0], a.getValue()[0])
        : Arrays.compareUnsigned(a.getKey().array(), b.getKey().array()));
    byte[][] entries = new byte[order.size()][];
    Map<ByteBuffer, Integer> index = new HashMap<>();
    for (int i = 0; i < entries.length; i++) {
      entries[i] = order.get(i).getKey().array();
      index.put(order.get(i).getKey(), i);
    }
    long[] codes = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      codes[i] = index.get(ByteBuffer.wrap(values[i]));
    }
    return new Encoded(entries, codes);
  }
}
