package coop.cpc.lakehouse.columnar.encoding.dictionary;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A dictionary of distinct byte strings sorted by unsigned byte order (section 5.1,
 * DICTIONARY); sorted so that codes keep the values' order and min/max are the ends.
 */
public final class Dictionary {
  private Dictionary() {}

  /** The sorted entries and, for each value, its code. */
  public record Encoded(byte[][] entries, long[] codes) {}

  /** Number of distinct values (cheap pre-check before building). */
  public static int distinct(byte[][] values, int stopAt) {
    java.util.HashSet<ByteBuffer> seen = new java.util.HashSet<>();
    for (byte[] v : values) {
      seen.add(ByteBuffer.wrap(v));
      if (seen.size() > stopAt) {
        break;
      }
    }
    return seen.size();
  }

  public static Encoded encode(byte[][] values) {
    TreeSet<byte[]> sorted = new TreeSet<>(Arrays::compareUnsigned);
    sorted.addAll(Arrays.asList(values));
    byte[][] entries = sorted.toArray(new byte[0][]);
    Map<ByteBuffer, Integer> index = new HashMap<>();
    for (int i = 0; i < entries.length; i++) {
      index.put(ByteBuffer.wrap(entries[i]), i);
    }
    long[] codes = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      codes[i] = index.get(ByteBuffer.wrap(values[i]));
    }
    return new Encoded(entries, codes);
  }

  /** Entries from their lengths and concatenated bytes; returns null if they do not add up. */
  public static byte[][] entries(long[] lengths, long[] bytes) {
    byte[][] out = new byte[lengths.length][];
    long pos = 0;
    for (int i = 0; i < lengths.length; i++) {
      long len = lengths[i];
      if (len < 0 || len > bytes.length - pos) {
        return null;
      }
      byte[] e = new byte[(int) len];
      for (int j = 0; j < len; j++) {
        long b = bytes[(int) pos + j];
        if (b < 0 || b > 255) {
          return null;
        }
        e[j] = (byte) b;
      }
      out[i] = e;
      pos += len;
    }
    return pos == bytes.length ? out : null;
  }
}
