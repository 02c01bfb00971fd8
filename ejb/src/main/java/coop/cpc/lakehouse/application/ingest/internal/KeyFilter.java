package coop.cpc.lakehouse.application.ingest.internal;

import java.util.Arrays;

/**
 * A Bloom filter of primary keys in their canonical form ({@link
 * coop.cpc.lakehouse.application.table.internal.RowKey}: a Long or a String): a key added is always "maybe seen",
 * a key never added almost never is. A run's commit asks it whether a staged file may repeat a key of the files
 * before it, in memory bounded whatever the run's size (a wrong "maybe" only commits a file one snapshot later).
 */
final class KeyFilter {
    /** The most memory one filter takes. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final int MIN_BITS_LOG2 = 16;
    private static final int MAX_BITS_LOG2 = Long.numberOfTrailingZeros(MAX_BYTES * 8);
    /** 32 bits and 12 probes a key: about one "maybe" in a million for a key never added. */
    private static final int BITS_PER_KEY = 32;

    private static final int PROBES = 12;

    private final long[] words;
    private final long mask;

    private KeyFilter(int bitsLog2) {
        this.words = new long[1 << (bitsLog2 - 6)];
        this.mask = (1L << bitsLog2) - 1;
    }

    /** A filter for about {@code keys} keys: 32 bits each, rounded up to a power of two, from 8 KiB to 64 MiB. */
    static KeyFilter forKeys(long keys) {
        long bits = keys > (1L << MAX_BITS_LOG2) / BITS_PER_KEY ? 1L << MAX_BITS_LOG2 : keys * BITS_PER_KEY;
        int log2 = 64 - Long.numberOfLeadingZeros(Math.max(1, bits - 1));
        return new KeyFilter(Math.max(MIN_BITS_LOG2, Math.min(MAX_BITS_LOG2, log2)));
    }

    long bytes() {
        return 8L * words.length;
    }

    void add(Object key) {
        long h1 = mix(hash(key));
        long h2 = mix(h1 ^ 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = (h1 + i * h2) & mask;
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(Object key) {
        long h1 = mix(hash(key));
        long h2 = mix(h1 ^ 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = (h1 + i * h2) & mask;
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    void clear() {
        Arrays.fill(words, 0);
    }

    /** 64 bits of the key: a Long as it is, a String by FNV-1a over its characters (32 bits would collide). */
    private static long hash(Object key) {
        if (key instanceof Long value) {
            return value;
        }
        String text = key.toString();
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** MurmurHash3's 64-bit finalizer: every input bit moves every output bit. */
    private static long mix(long h) {
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
