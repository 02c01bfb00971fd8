package coop.cpc.lakehouse.adapter.crm;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per key for at most {@code maxKeys} distinct keys; counts for further new keys go to
 * {@link #overflow()}, so memory stays bounded whatever the data.
 */
public final class BoundedCounter {
    private final int maxKeys;
    private final Map<String, Long> counts = new HashMap<>();
    private long overflow;

    public BoundedCounter(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    public void add(String key, long n) {
        Long current = counts.get(key);
        if (current != null) {
            counts.put(key, current + n);
        } else if (counts.size() < maxKeys) {
            counts.put(key, n);
        } else {
            overflow += n;
        }
    }

    /** Counted for keys beyond the first {@code maxKeys}. */
    public long overflow() {
        return overflow;
    }

    /** The keys with the highest counts, ties by key. */
    public List<Map.Entry<String, Long>> top(int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }
}
