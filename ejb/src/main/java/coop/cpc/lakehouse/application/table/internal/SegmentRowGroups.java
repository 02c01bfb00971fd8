package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.webm.SegmentMetadata;
import coop.cpc.lakehouse.columnar.webm.SegmentSource;
import coop.cpc.lakehouse.columnar.webm.TrackInfo;
import coop.cpc.lakehouse.columnar.webm.WebmSegmentReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One segment file read row group by row group: a reader can start at any row group (a page cursor)
 * without decoding the ones before it, and skip row groups whose min/max exclude a condition.
 */
final class SegmentRowGroups implements AutoCloseable {
    private final Path file;
    private final SegmentMetadata metadata;
    private final RowGroupCache cache;
    private SegmentSource source;
    private WebmSegmentReader reader;

    private SegmentRowGroups(Path file, SegmentMetadata metadata, RowGroupCache cache) {
        this.file = file;
        this.metadata = metadata;
        this.cache = cache;
    }

    static SegmentRowGroups open(Path file) throws IOException {
        return readHeader(file);
    }

    /**
     * With a cache: the header and decoded columns come from it when they can, and the file is opened
     * only on a miss (a request whose row groups are all cached or pruned does no I/O).
     */
    static SegmentRowGroups open(Path file, RowGroupCache cache) throws IOException {
        if (cache == null) {
            return open(file);
        }
        SegmentMetadata metadata = cache.metadata(file, () -> {
            try (SegmentRowGroups read = readHeader(file)) {
                return read.metadata;
            }
        });
        return new SegmentRowGroups(file, metadata, cache);
    }

    private static SegmentRowGroups readHeader(Path file) throws IOException {
        SegmentSource source = SegmentSource.of(file);
        try {
            WebmSegmentReader reader = WebmSegmentReader.open(source);
            SegmentRowGroups groups = new SegmentRowGroups(file, reader.metadata(), null);
            groups.source = source;
            groups.reader = reader;
            return groups;
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private WebmSegmentReader reader() throws IOException {
        if (reader == null) {
            source = SegmentSource.of(file);
            reader = WebmSegmentReader.open(source, metadata);
        }
        return reader;
    }

    Schema schema() {
        return metadata.schema();
    }

    int groupCount() {
        return metadata.rowGroups().size();
    }

    int rows(int group) {
        return metadata.rowGroups().get(group).rows();
    }

    /** False when the row group's statistics prove no row of it meets every condition. */
    boolean keeps(int group, List<SegmentScan.Condition> conditions) {
        for (SegmentScan.Condition condition : conditions) {
            int ordinal = ordinal(condition.column().name());
            if (ordinal < 0) {
                // A column the segment predates is null in every row: only IS_NULL can match.
                if (condition.operator() != coop.cpc.lakehouse.application.table.RowPredicate.Operator.IS_NULL) {
                    return false;
                }
                continue;
            }
            TrackInfo track = metadata.tracks().get(ordinal);
            ChunkDescriptor chunk = track.chunks().get(group);
            Object[] range = condition.range();
            if (range == null) {
                continue;
            }
            if (chunk.rows() == chunk.nulls()) {
                return false;
            }
            List<Object> oneOf = condition.equalsOneOf();
            if (oneOf != null
                    && chunk.hasValueSet()
                    && oneOf.stream()
                            .noneMatch(v ->
                                    chunk.mayContain(track.column().type(), Values.normalize(track.column(), v)))) {
                // The row group's set of distinct values (format version 3) holds none of them.
                return false;
            }
            if (!chunk.hasStats()) {
                continue;
            }
            var type = track.column().type();
            if (range[1] != null && Values.compare(type, chunk.min(), Values.normalize(track.column(), range[1])) > 0) {
                return false;
            }
            if (range[0] != null && Values.compare(type, chunk.max(), Values.normalize(track.column(), range[0])) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The values of the named columns in one row group, one array per name (all nulls for a column the segment lacks). */
    Object[][] decode(int group, List<String> names) throws IOException {
        List<WebmSegmentReader.Block>[] blocks = blocksHolder();
        Object[][] columns = new Object[names.size()][];
        for (int i = 0; i < columns.length; i++) {
            String name = names.get(i);
            if (cache == null || ordinal(name) < 0) {
                columns[i] = decodeColumn(blocks(group, blocks), group, name);
            } else {
                columns[i] = cache.column(file, group, name, () -> decodeColumn(blocks(group, blocks), group, name));
            }
        }
        return columns;
    }

    @SuppressWarnings("unchecked")
    private static List<WebmSegmentReader.Block>[] blocksHolder() {
        return new List[1];
    }

    /** The row group's blocks, read once per decode whatever number of its columns miss the cache. */
    private List<WebmSegmentReader.Block> blocks(int group, List<WebmSegmentReader.Block>[] holder) throws IOException {
        if (holder[0] == null) {
            holder[0] = blocks(group);
        }
        return holder[0];
    }

    /** The encoded blocks of one row group, one per track (to decode its columns on several threads). */
    List<WebmSegmentReader.Block> blocks(int group) throws IOException {
        return reader().blocks(group);
    }

    /** One column of a row group from its blocks (all nulls for a column the segment lacks). */
    Object[] decodeColumn(List<WebmSegmentReader.Block> blocks, int group, String name) throws IOException {
        int ordinal = ordinal(name);
        return ordinal < 0 ? new Object[rows(group)] : reader().values(blocks.get(ordinal), group);
    }

    int ordinal(String name) {
        List<Column> columns = schema().columns();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(name)) {
                return c;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        if (source != null) {
            source.close();
        }
    }
}
