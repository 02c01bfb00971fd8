package coop.cpc.lakehouse.columnar;

import coop.cpc.lakehouse.columnar.av1.SearchPreset;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.webm.ParallelTasks;
import coop.cpc.lakehouse.columnar.webm.RowGroupInfo;
import coop.cpc.lakehouse.columnar.webm.SegmentMetadata;
import coop.cpc.lakehouse.columnar.webm.SegmentSource;
import coop.cpc.lakehouse.columnar.webm.TrackInfo;
import coop.cpc.lakehouse.columnar.webm.WebmSegmentReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Entry point to WebM columnar segments (docs/format/webm-columnar.md):
 * {@code WebmColumnar.write(out).schema(s).rowGroupSize(65536).build()} and
 * {@code WebmColumnar.read(bytes).project("a", "b").filter("ts", lo, hi).rows()}.
 */
public final class WebmColumnar {
    public static final int DEFAULT_ROW_GROUP_SIZE = 65_536;
    /** The most rows a row group may have (docs/format/webm-columnar.md section 6.1): 1,048,576. */
    public static final int MAX_ROW_GROUP_SIZE = ChunkDescriptor.MAX_ROWS;
    /** The newest segment format version this library writes and reads (docs/format/webm-columnar.md section 7). */
    public static final int FORMAT_VERSION = 4;
    /** The most full row groups a writer encoding ahead holds at once ({@link WriteBuilder#encodeAhead}). */
    public static final int MAX_GROUPS_IN_FLIGHT = 8;

    private WebmColumnar() {}

    public static WriteBuilder write(OutputStream out) {
        return new WriteBuilder(out);
    }

    public static ReadBuilder read(byte[] segment) {
        return new ReadBuilder(SegmentSource.of(segment));
    }

    /** Reads from a file; only the ranges needed are read. Close the builder when done. */
    public static ReadBuilder read(Path segment) throws IOException {
        return new ReadBuilder(SegmentSource.of(segment));
    }

    /** Options of a segment to write. */
    public static final class WriteBuilder {
        private final OutputStream out;
        private Schema schema;
        private int rowGroupSize = DEFAULT_ROW_GROUP_SIZE;
        private String title;
        private int bitDepth;
        private int threads = 1;
        private int formatVersion = FORMAT_VERSION;
        private final java.util.Set<String> thoroughColumns = new java.util.LinkedHashSet<>();
        private java.util.concurrent.Executor encoder;
        private int groupsInFlight;

        private WriteBuilder(OutputStream out) {
            this.out = out;
        }

        public WriteBuilder schema(Schema schema) {
            this.schema = schema;
            return this;
        }

        public WriteBuilder rowGroupSize(int rows) {
            if (rows < 1 || rows > MAX_ROW_GROUP_SIZE) {
                throw new IllegalArgumentException(
                        "row group size must be from 1 to " + MAX_ROW_GROUP_SIZE + ", not " + rows);
            }
            this.rowGroupSize = rows;
            return this;
        }

        /** Info/Title: the table or asset the rows belong to. */
        public WriteBuilder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * Forces the AV1 bit depth (8, 10 or 12) of every track instead of choosing the cheapest
         * per track; for experiments and tests of the 10- and 12-bit paths.
         */
        public WriteBuilder bitDepth(int bits) {
            if (bits != 8 && bits != 10 && bits != 12) {
                throw new IllegalArgumentException("bit depth must be 8, 10 or 12");
            }
            this.bitDepth = bits;
            return this;
        }

        /** Encodes up to this many frames (tracks and row groups) at once (default 1); the bytes do not depend on it. */
        public WriteBuilder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive");
            }
            this.threads = threads;
            return this;
        }

        /**
         * The newest format version the writer may use (default {@link #FORMAT_VERSION}): 1 writes only
         * what version 1 readers read; with 2, streams of near-random low bits may take narrow planes, and a
         * segment is marked version 2 only when one does; with 3, chunks of at most 32 distinct values also
         * carry their value set (equality and IN pruning), and a segment is marked version 3 only when one does;
         * with 4, string and bytes dictionaries may take RANS_DICTIONARY, and a segment is marked version 4 only
         * when one does.
         */
        public WriteBuilder formatVersion(int version) {
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IllegalArgumentException("format version must be 1, 2, 3 or 4");
            }
            this.formatVersion = version;
            return this;
        }

        /**
         * Encodes these columns' frames with the thorough AV1 search ({@link SearchPreset#THOROUGH}: all seven
         * intra modes, palettes tried everywhere) instead of the default FAST preset: about twice the encoder
         * time for sizes up to 0.5% smaller on the benchmark columns. For columns written once and kept long.
         */
        public WriteBuilder thoroughSearch(String... columns) {
            for (String c : columns) {
                thoroughColumns.add(java.util.Objects.requireNonNull(c, "column"));
            }
            return this;
        }

        /**
         * Encodes each row group on {@code executor} as soon as it is full, so that whatever produces the next
         * rows (a decode, a merge) overlaps the encoding; the segment's bytes are the same as without. At most
         * {@code groupsInFlight} full row groups (1 to {@value WebmColumnar#MAX_GROUPS_IN_FLIGHT}) wait or encode at once:
         * adding the rows of one more waits for the oldest, which bounds the memory of rows in flight. The
         * executor must not run {@link SegmentWriter#close} of the same writer (close waits for its tasks).
         */
        public WriteBuilder encodeAhead(java.util.concurrent.Executor executor, int groupsInFlight) {
            if (groupsInFlight < 1 || groupsInFlight > MAX_GROUPS_IN_FLIGHT) {
                throw new IllegalArgumentException("row groups in flight must be between 1 and " + MAX_GROUPS_IN_FLIGHT
                        + ", got " + groupsInFlight);
            }
            this.encoder = java.util.Objects.requireNonNull(executor, "executor");
            this.groupsInFlight = groupsInFlight;
            return this;
        }

        public SegmentWriter build() {
            if (schema == null) {
                throw new IllegalStateException("schema not set");
            }
            for (String name : thoroughColumns) {
                schema.ordinal(name);
            }
            return new SegmentWriter(
                    out,
                    schema,
                    rowGroupSize,
                    title,
                    bitDepth,
                    threads,
                    formatVersion,
                    thoroughColumns,
                    encoder,
                    groupsInFlight);
        }
    }

    /** Options of a read: projection and row-group skipping by statistics. */
    public static final class ReadBuilder implements AutoCloseable {
        private final SegmentSource source;
        private WebmSegmentReader reader;
        private List<String> projection;
        private final List<Filter> filters = new ArrayList<>();
        private int threads = 1;

        private ReadBuilder(SegmentSource source) {
            this.source = source;
        }

        /** [min, max], or with {@code in} non-null: any of those values (min and max then unused). */
        private record Filter(String column, Object min, Object max, List<Object> in) {}

        /** Decodes up to this many chunks (tracks and row groups) at once (default 1); the values do not depend on it. */
        public ReadBuilder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive");
            }
            this.threads = threads;
            return this;
        }

        /** Reads only these columns, in this order. */
        public ReadBuilder project(String... columns) {
            this.projection = List.of(columns);
            return this;
        }

        /**
         * Skips row groups whose [min, max] statistics of the column do not meet [min, max]
         * (either bound may be null for open). Rows of the groups kept are returned whole.
         */
        public ReadBuilder filter(String column, Object min, Object max) {
            filters.add(new Filter(column, min, max, null));
            return this;
        }

        /**
         * Skips row groups that cannot hold any of these values: by their value sets (format version 3) where
         * the chunks have them, else by [min, max]. Nulls among the values are ignored (no value equals null); no
         * non-null value skips every row group. A {@link #filter} whose min equals its max prunes the same way.
         */
        public ReadBuilder filterIn(String column, Object... values) {
            List<Object> in = new ArrayList<>();
            for (Object v : values) {
                if (v != null) {
                    in.add(v);
                }
            }
            filters.add(new Filter(column, null, null, in));
            return this;
        }

        private WebmSegmentReader reader() throws IOException {
            if (reader == null) {
                reader = WebmSegmentReader.open(source);
            }
            return reader;
        }

        public SegmentMetadata metadata() throws IOException {
            return reader().metadata();
        }

        /** The projected schema. */
        public Schema schema() throws IOException {
            List<Column> cols = new ArrayList<>();
            for (int c : projected()) {
                cols.add(metadata().schema().column(c));
            }
            return new Schema(cols);
        }

        private int[] projected() throws IOException {
            Schema schema = metadata().schema();
            if (projection == null) {
                return IntStream.range(0, schema.size()).toArray();
            }
            return projection.stream().mapToInt(schema::ordinal).toArray();
        }

        /** The row groups that the filters keep. */
        public List<RowGroupInfo> rowGroups() throws IOException {
            List<RowGroupInfo> out = new ArrayList<>();
            SegmentMetadata m = metadata();
            for (RowGroupInfo g : m.rowGroups()) {
                if (keeps(m, g.index())) {
                    out.add(g);
                }
            }
            return out;
        }

        private boolean keeps(SegmentMetadata m, int group) {
            for (Filter f : filters) {
                TrackInfo t = m.tracks().get(m.schema().ordinal(f.column()));
                ChunkDescriptor d = t.chunks().get(group);
                ColumnType type = t.column().type();
                if (d.rows() == d.nulls()) {
                    return false;
                }
                if (f.in() != null) {
                    boolean any = false;
                    for (Object v : f.in()) {
                        any |= d.mayContain(type, Values.normalize(t.column(), v));
                    }
                    if (!any) {
                        return false;
                    }
                    continue;
                }
                if (f.min() != null && f.max() != null && d.hasValueSet()) {
                    Object lo = Values.normalize(t.column(), f.min());
                    if (Values.compare(type, lo, Values.normalize(t.column(), f.max())) == 0
                            && !d.mayContain(type, lo)) {
                        return false;
                    }
                }
                if (!d.hasStats()) {
                    continue;
                }
                if (f.max() != null && Values.compare(type, d.min(), Values.normalize(t.column(), f.max())) > 0) {
                    return false;
                }
                if (f.min() != null && Values.compare(type, d.max(), Values.normalize(t.column(), f.min())) < 0) {
                    return false;
                }
            }
            return true;
        }

        /** The projected columns of the kept row groups, one array per column. */
        public List<Object[]> columns() throws IOException {
            int[] cols = projected();
            List<RowGroupInfo> groups = rowGroups();
            long rows = groups.stream().mapToLong(RowGroupInfo::rows).sum();
            if (rows > Integer.MAX_VALUE - 8) {
                throw new IOException("too many rows for one array: " + rows);
            }
            List<Object[]> out = new ArrayList<>();
            for (int i = 0; i < cols.length; i++) {
                out.add(new Object[(int) rows]);
            }
            WebmSegmentReader r = reader();
            List<List<WebmSegmentReader.Block>> blocks = new ArrayList<>();
            for (RowGroupInfo g : groups) {
                blocks.add(r.blocks(g.index()));
            }
            // Every (row group, column) chunk is one task: row groups decode in parallel too.
            int n = cols.length;
            List<Object[]> decoded = ParallelTasks.run(
                    threads,
                    groups.size() * n,
                    k -> r.values(
                            blocks.get(k / n).get(cols[k % n]),
                            groups.get(k / n).index()));
            int at = 0;
            for (int gi = 0; gi < groups.size(); gi++) {
                for (int i = 0; i < n; i++) {
                    Object[] v = decoded.get(gi * n + i);
                    System.arraycopy(v, 0, out.get(i), at, v.length);
                }
                at += groups.get(gi).rows();
            }
            return out;
        }

        /**
         * One numeric column of the kept row groups as primitive arrays, one {@link PrimitiveChunk} per row
         * group (integer forms as longs, floats as doubles, nulls flagged), decoded on up to
         * {@link #threads(int)} threads without boxing a value. Strings and bytes are refused.
         */
        public List<PrimitiveChunk> primitives(String column) throws IOException {
            int c = metadata().schema().ordinal(column);
            if (metadata().schema().column(c).type().isBinaryLike()) {
                throw new IllegalArgumentException("column " + column + " is "
                        + metadata().schema().column(c).type() + ", which has no primitive form");
            }
            List<RowGroupInfo> groups = rowGroups();
            WebmSegmentReader r = reader();
            List<WebmSegmentReader.Block> blocks = new ArrayList<>();
            for (RowGroupInfo g : groups) {
                blocks.add(r.block(g.index(), c));
            }
            return ParallelTasks.run(
                    threads,
                    groups.size(),
                    k -> r.primitives(blocks.get(k), groups.get(k).index()));
        }

        /** The projected rows of the kept row groups. */
        public List<Object[]> rows() throws IOException {
            List<Object[]> cols = columns();
            int n = cols.isEmpty() ? 0 : cols.get(0).length;
            List<Object[]> rows = new ArrayList<>(n);
            for (int r = 0; r < n; r++) {
                Object[] row = new Object[cols.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = cols.get(c)[r];
                }
                rows.add(row);
            }
            return rows;
        }

        /** The decoded AV1 samples (W x H per frame) of one column's track, for every row group. */
        public List<int[]> samples(String column) throws IOException {
            int c = metadata().schema().ordinal(column);
            List<int[]> out = new ArrayList<>();
            for (RowGroupInfo g : metadata().rowGroups()) {
                out.add(reader().samples(reader().blocks(g.index()).get(c)));
            }
            return out;
        }

        /**
         * Reads everything: every Cluster's CRC-32 and every track's frames and values. Returns
         * the number of rows.
         */
        public long verify() throws IOException {
            SegmentMetadata m = metadata();
            for (RowGroupInfo g : m.rowGroups()) {
                List<WebmSegmentReader.Block> blocks = reader().blocks(g.index());
                for (WebmSegmentReader.Block b : blocks) {
                    reader().values(b, g.index());
                }
            }
            return m.rowCount();
        }

        /** Sizes of each track's SimpleBlocks in each row group (payload bytes). */
        public long[][] blockSizes() throws IOException {
            SegmentMetadata m = metadata();
            long[][] sizes = new long[m.tracks().size()][m.rowGroups().size()];
            for (RowGroupInfo g : m.rowGroups()) {
                for (WebmSegmentReader.Block b : reader().blocks(g.index())) {
                    sizes[b.track()][g.index()] = b.payload().length;
                }
            }
            return sizes;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
