package coop.cpc.lakehouse.adapter.crm;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Counts per key for at most {@code maxKeys} distinct keys holding at most {@code maxKeyChars} characters
 * together; counts for further new keys go to {@link #overflow()}, so memory stays bounded whatever the data.
 */
public final class BoundedCounter<K> {
    private final int maxKeys;
    private final long maxKeyChars;
    private final ToLongFunction<K> charsOf;
    private final Comparator<K> keyOrder;
    private final Map<K, Long> counts = new HashMap<>();
    private long keyChars;
    private long overflow;

    /**
     * @param charsOf  the characters a key holds
     * @param keyOrder the order of keys with equal counts in {@link #top}
     */
    public BoundedCounter(int maxKeys, long maxKeyChars, ToLongFunction<K> charsOf, Comparator<K> keyOrder) {
        this.maxKeys = maxKeys;
        this.maxKeyChars = maxKeyChars;
        this.charsOf = charsOf;
        this.keyOrder = keyOrder;
    }

    public void add(K key, long n) {
        Long current = counts.get(key);
        if (current != null) {
            counts.put(key, current + n);
            return;
        }
        long chars = charsOf.applyAsLong(key);
        if (counts.size() < maxKeys && keyChars + chars <= maxKeyChars) {
            counts.put(key, n);
            keyChars += chars;
        } else {
            overflow += n;
        }
    }

    /** Counted for keys beyond the first {@code maxKeys}, or beyond {@code maxKeyChars} characters of keys. */
    public long overflow() {
        return overflow;
    }

    /** The keys with the highest counts, ties in key order. */
    public List<Map.Entry<K, Long>> top(int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<K, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey(keyOrder)))
                .limit(n)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }
}
