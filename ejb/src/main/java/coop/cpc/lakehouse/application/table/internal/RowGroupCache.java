package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.columnar.webm.SegmentMetadata;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded columns of row groups and parsed segment headers, for the rows query's next requests: a
 * segment file never changes once written (its name is new for every write), so a hit is exact. Bounded
 * by {@code row_group_cache_bytes} of estimated memory; the least recently used entries go first. Loading
 * happens outside the lock, so two requests may decode the same row group once each.
 */
@ApplicationScoped
public class RowGroupCache {
    private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    @Inject
    LakehouseSettings settings;

    private long maxBytes = -1;

    public RowGroupCache() {}

    /** A cache of at most {@code maxBytes} (tests and benchmarks; the server's comes from the configuration). */
    public RowGroupCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Loads a value on a miss. */
    @FunctionalInterface
    interface Loader<T> {
        T load() throws IOException;
    }

    private record ColumnKey(Path file, int group, String column) {}

    private record HeaderKey(Path file) {}

    private record Entry(Object value, long bytes) {}

    SegmentMetadata metadata(Path file, Loader<SegmentMetadata> load) throws IOException {
        HeaderKey key = new HeaderKey(file);
        Object cached = get(key);
        if (cached != null) {
            return (SegmentMetadata) cached;
        }
        SegmentMetadata metadata = load.load();
        put(key, metadata, headerBytes(metadata));
        return metadata;
    }

    /** One column of one row group; callers must not change the array. */
    Object[] column(Path file, int group, String column, Loader<Object[]> load) throws IOException {
        ColumnKey key = new ColumnKey(file, group, column);
        Object cached = get(key);
        if (cached != null) {
            return (Object[]) cached;
        }
        Object[] values = load.load();
        put(key, values, columnBytes(values));
        return values;
    }

    /** Estimated bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Lookups answered from the cache and lookups that loaded, since start. */
    public synchronized long[] hitsAndMisses() {
        return new long[] {hits, misses};
    }

    private synchronized Object get(Object key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            misses++;
            return null;
        }
        hits++;
        return entry.value();
    }

    private synchronized void put(Object key, Object value, long size) {
        long max = maxBytes();
        if (size > max) {
            return;
        }
        Entry previous = entries.put(key, new Entry(value, size));
        bytes += size - (previous == null ? 0 : previous.bytes());
        Iterator<Map.Entry<Object, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > max && eldest.hasNext()) {
            Map.Entry<Object, Entry> entry = eldest.next();
            bytes -= entry.getValue().bytes();
            eldest.remove();
        }
    }

    private long maxBytes() {
        if (maxBytes < 0) {
            maxBytes = settings.rowGroupCacheBytes();
        }
        return maxBytes;
    }

    /** The array and its values, from a sample of up to 64 of them (values of one column are alike). */
    static long columnBytes(Object[] values) {
        long sampled = 0;
        int samples = 0;
        int step = Math.max(1, values.length / 64);
        for (int i = 0; i < values.length; i += step) {
            sampled += valueBytes(values[i]);
            samples++;
        }
        long perValue = samples == 0 ? 0 : (sampled + samples - 1) / samples;
        return 16 + 8L * values.length + perValue * values.length;
    }

    private static long valueBytes(Object value) {
        if (value == null || value instanceof Boolean) {
            return 0;
        }
        if (value instanceof String s) {
            return 56 + 2L * s.length();
        }
        if (value instanceof byte[] b) {
            return 16 + b.length;
        }
        if (value instanceof BigDecimal d) {
            return 72 + d.unscaledValue().bitLength() / 8;
        }
        // Long, Integer, Double, Float and the time types: a header and one or two fields.
        return 32;
    }

    private static long headerBytes(SegmentMetadata metadata) {
        long chunks = (long) metadata.tracks().size() * metadata.rowGroups().size();
        return 4096 + 2048 * chunks;
    }
}
