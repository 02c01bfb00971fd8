package coop.cpc.lakehouse.application.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.storage.OwnerOnlyFiles;
import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The segment files under {@code webm_storage_path}: {@code <namespace>/<asset>/data/<uuid>.webm}
 * (and delete segments under {@code deletes/}).
 * A file is written under a temporary name, forced to disk, then renamed into place atomically,
 * so a reader or a crash never meets half a segment; until a commit names it, it is an orphan.
 * Files and the folders this creates are readable by the server's account only ({@link OwnerOnlyFiles}).
 */
public class SegmentFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMP_SUFFIX = ".webm.tmp";
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(SegmentFiles.class.getName());

    private final Path root;
    private final StorageGate gate;

    /** Segment files under {@code root} that any write and delete may change (tests, tools). */
    public SegmentFiles(Path root) {
        this(root, StorageGate.OPEN);
    }

    /** Segment files under {@code root}; {@code gate} is asked before each write and delete. */
    public SegmentFiles(Path root, StorageGate gate) {
        this.root = root.toAbsolutePath().normalize();
        this.gate = gate;
    }

    /** Writes the rows (in the schema's column order) as one data segment of the asset. */
    public StagedSegment write(String namespace, String asset, Schema schema, List<Object[]> rows) throws IOException {
        return write(namespace, asset, "data", schema, rows);
    }

    /**
     * Writes the rows (in the schema's column order) as one segment of the asset in one of its folders:
     * {@code data} for rows, {@code deletes} for the keys of a delete segment.
     */
    public StagedSegment write(String namespace, String asset, String folder, Schema schema, List<Object[]> rows)
            throws IOException {
        return write(namespace, asset, folder, schema, rows, SortOrder.none());
    }

    /**
     * Writes the rows sorted in the asset's sort order (the list given keeps its order), in the row
     * groups {@link SortOrder#rowGroupSizes} cuts (at least {@link SortOrder#rowGroupRows} rows each, ending
     * where the first sort column's value changes) so that sorted values can be skipped inside the segment.
     */
    public StagedSegment write(
            String namespace, String asset, String folder, Schema schema, List<Object[]> rows, SortOrder order)
            throws IOException {
        return write(namespace, asset, folder, schema, rows, order, false);
    }

    /**
     * {@link #write(String, String, String, Schema, List, SortOrder)} of rows whose values {@link Values#normalize}
     * already returned for {@code schema}'s columns (a change stager checks each row before it writes any): they
     * are not normalized a second time. The file is the same.
     */
    public StagedSegment writeNormalized(
            String namespace, String asset, String folder, Schema schema, List<Object[]> rows, SortOrder order)
            throws IOException {
        return write(namespace, asset, folder, schema, rows, order, true);
    }

    private StagedSegment write(
            String namespace,
            String asset,
            String folder,
            Schema schema,
            List<Object[]> rows,
            SortOrder order,
            boolean normalized)
            throws IOException {
        if (order.isNone()) {
            try (Appender appender = open(namespace, asset, folder, schema, null, order.rowGroupRows(rows.size()))) {
                for (Object[] row : rows) {
                    add(appender, row, normalized);
                }
                return appender.finish();
            }
        }
        List<Object[]> sorted = order.sort(rows);
        int[] groups = order.rowGroupSizes(sorted);
        try (Appender appender = open(namespace, asset, folder, schema, null, order.maxRowGroupRows(rows.size()))) {
            int at = 0;
            for (int size : groups) {
                for (int end = at + size; at < end; at++) {
                    add(appender, sorted.get(at), normalized);
                }
                appender.endRowGroup();
            }
            return appender.finish();
        }
    }

    private static void add(Appender appender, Object[] row, boolean normalized) {
        if (normalized) {
            appender.addNormalized(row);
        } else {
            appender.add(row);
        }
    }

    /**
     * Starts a segment whose rows arrive one at a time (compaction streams a merge-on-read into it, so
     * no list of every row is built first). {@link Appender#finish()} makes it a staged segment;
     * closing an appender that was not finished removes what it wrote.
     */
    public Appender open(String namespace, String asset, String folder, Schema schema) throws IOException {
        return open(namespace, asset, folder, schema, null, WebmColumnar.DEFAULT_ROW_GROUP_SIZE);
    }

    /**
     * As {@link #open(String, String, String, Schema)}, encoding each full row group on {@code encoder} while
     * the caller produces the next rows (null: everything is encoded at {@link Appender#finish()}). At most
     * {@value #ROW_GROUPS_IN_FLIGHT} row groups' rows wait for or run on the encoder; the file's bytes are
     * the same either way.
     */
    public Appender open(String namespace, String asset, String folder, Schema schema, Executor encoder)
            throws IOException {
        return open(namespace, asset, folder, schema, encoder, WebmColumnar.DEFAULT_ROW_GROUP_SIZE);
    }

    private Appender open(
            String namespace, String asset, String folder, Schema schema, Executor encoder, int rowGroupRows)
            throws IOException {
        if (!folder.equals("data") && !folder.equals("deletes")) {
            throw new IllegalArgumentException("segment folder " + folder + " is neither data nor deletes");
        }
        gate.requireWritable();
        Path directory = root.resolve(namespace).resolve(asset).resolve(folder);
        refuseMarkedSubfolder(directory);
        createDurably(directory);
        return new Appender(directory, namespace + "." + asset, schema, encoder, rowGroupRows);
    }

    /**
     * Refuses a segment folder inside a folder (below the storage folder) that holds a marker: that is another
     * catalog's segment folder nested in this one, whose orphan cleanup would delete this catalog's segments.
     */
    private void refuseMarkedSubfolder(Path directory) throws IOException {
        for (Path folder = directory; folder.startsWith(root) && !folder.equals(root); folder = folder.getParent()) {
            if (Files.exists(StorageMarker.of(folder), LinkOption.NOFOLLOW_LINKS)) {
                throw new SegmentFolderRefusedException(
                        StorageVerdict.nested(root.relativize(folder).toString()));
            }
        }
    }

    /**
     * Creates the folder and its missing parents, and forces each folder it created and the one holding the
     * outermost of them: a segment's own rename is forced in its folder, but a new asset's (or namespace's) folders
     * would otherwise rest on the file system's ordering of metadata, which POSIX does not promise, and a power loss
     * after the first commit could lose the files the catalog names.
     */
    private void createDurably(Path directory) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path folder = directory; folder != null && !Files.isDirectory(folder); folder = folder.getParent()) {
            missing.add(folder);
        }
        if (missing.isEmpty()) {
            return;
        }
        OwnerOnlyFiles.createDirectories(directory);
        for (Path created : missing) {
            forceFolder(created);
        }
        forceFolder(missing.get(missing.size() - 1).getParent());
    }

    /** Forces a folder's entries to disk (a test records which). */
    void forceFolder(Path folder) throws IOException {
        force(folder);
    }

    /** Full row groups an appender encoding ahead holds at once: one encoding, one waiting. */
    public static final int ROW_GROUPS_IN_FLIGHT = 2;

    /** One segment being written: rows in, then {@link #finish()}; see {@link #open}. */
    public final class Appender implements AutoCloseable {
        private final Path directory;
        private final Path temp;
        private final Path file;
        private final MessageDigest sha256 = sha256();
        private final ColumnStatistics statistics;
        private final OutputStream out;
        private final SegmentWriter writer;
        private long rows;
        private boolean finished;

        private Appender(Path directory, String title, Schema schema, Executor encoder, int rowGroupRows)
                throws IOException {
            this.directory = directory;
            String name = UUID.randomUUID() + ".webm";
            this.temp = directory.resolve("." + name + TEMP_SUFFIX);
            this.file = directory.resolve(name);
            this.statistics = new ColumnStatistics(schema);
            OutputStream out =
                    new DigestOutputStream(OwnerOnlyFiles.newOutputStream(temp, StandardOpenOption.CREATE_NEW), sha256);
            try {
                WebmColumnar.WriteBuilder builder = WebmColumnar.write(out)
                        .schema(schema)
                        .rowGroupSize(rowGroupRows)
                        .title(title)
                        .threads(encoderThreads(schema));
                if (encoder != null) {
                    builder.encodeAhead(encoder, ROW_GROUPS_IN_FLIGHT);
                }
                this.writer = builder.build();
            } catch (RuntimeException e) {
                out.close();
                deleteQuietly(temp);
                throw e;
            }
            this.out = out;
        }

        /** Adds one row, values in the schema's column order. */
        public void add(Object[] row) {
            writer.add(row);
            statistics.add(row);
            rows++;
        }

        /** Adds one row {@link Values#normalize} already checked for the schema (see {@link SegmentWriter#addNormalized}). */
        public void addNormalized(Object[] row) {
            writer.addNormalized(row);
            statistics.add(row);
            rows++;
        }

        /**
         * Adds {@code count} rows gathered from whole columns (schema order): row {@code i} takes
         * {@code columns[c][positions[from + i]]}; see {@link SegmentWriter#addColumns} for {@code normalized}.
         */
        public void addColumns(Object[][] columns, int[] positions, int from, int count, boolean[] normalized) {
            writer.addColumns(columns, positions, from, count, normalized);
            statistics.addColumns(columns, positions, from, count);
            rows += count;
        }

        /** Ends the current row group here (see {@link SegmentWriter#endRowGroup}). */
        public void endRowGroup() {
            writer.endRowGroup();
        }

        public long rows() {
            return rows;
        }

        /**
         * Encodes, forces to disk and renames the segment into place. The folder's marker is read again just before
         * the rename: another catalog may have claimed the folder while the segment was written (its claim could not
         * see the write's temporary file as a segment of its own), and would delete the segment as an orphan; on
         * refusal the temporary file is removed by {@link #close()}.
         */
        public StagedSegment finish() throws IOException {
            try (OutputStream stream = out) {
                writer.close();
            }
            force(temp);
            gate.requireWritable();
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            forceFolder(directory);
            StagedSegment staged = new StagedSegment(
                    root.relativize(file).toString(),
                    rows,
                    Files.size(file),
                    HexFormat.of().formatHex(sha256.digest()),
                    statistics.json());
            finished = true;
            return staged;
        }

        /** Whatever failed (an I/O error, a bad value, running out of memory), no file of an unfinished write stays behind. */
        @Override
        public void close() {
            if (!finished) {
                // Row groups still encoding in the background are dropped (they never write to the file).
                writer.abandon();
                try {
                    out.close();
                } catch (IOException e) {
                    LOG.fine(() -> "Closing the abandoned segment " + temp + ": " + e.getMessage());
                }
                deleteQuietly(temp);
                deleteQuietly(file);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warning(() -> "Cannot delete " + path + " of a failed segment write: " + e.getMessage()
                    + " (orphan cleanup will)");
        }
    }

    /** Columns are encoded independently: one thread per column, up to the processors there are. */
    static int encoderThreads(Schema schema) {
        return Math.max(1, Math.min(schema.size(), Runtime.getRuntime().availableProcessors()));
    }

    public Path resolve(String relativePath) {
        Path path = root.resolve(relativePath).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("segment path " + relativePath + " leaves the storage folder");
        }
        return path;
    }

    /**
     * Refuses, before anything is changed, a change of a folder this server may not write or delete in (a snapshot
     * expiry asks this before its catalog commit forgets the files it will delete).
     *
     * @throws SegmentFolderRefusedException when the folder is another catalog's
     */
    public void requireWritable() throws IOException {
        gate.requireWritable();
    }

    /** Removes a segment no snapshot refers to (a writer that lost, or gave up). */
    public void delete(StagedSegment segment) throws IOException {
        delete(segment.path());
    }

    /**
     * Removes a file of the storage folder, if it is there.
     *
     * @param relativePath relative to the storage folder
     * @throws SegmentFolderRefusedException when the folder is another catalog's (nothing is deleted)
     */
    public void delete(String relativePath) throws IOException {
        Path path = resolve(relativePath);
        gate.requireWritable();
        Files.deleteIfExists(path);
    }

    /**
     * Per column: its type, min, max (as the format's text) and null count, for the catalog, row-group-free pruning
     * and the commit's re-check of the staged segment against the asset's schema ({@link StagedSegmentColumns}).
     */
    private static final class ColumnStatistics {
        private final Schema schema;
        private final Object[] min;
        private final Object[] max;
        private final long[] nulls;
        // Strings and bytes keep no min/max in the catalog: comparing them per row cost as much as encoding.
        private final boolean[] ordered;

        ColumnStatistics(Schema schema) {
            this.schema = schema;
            this.min = new Object[schema.size()];
            this.max = new Object[schema.size()];
            this.nulls = new long[schema.size()];
            this.ordered = new boolean[schema.size()];
            for (int c = 0; c < ordered.length; c++) {
                ordered[c] = !schema.column(c).type().isBinaryLike();
            }
        }

        void add(Object[] row) {
            for (int c = 0; c < min.length; c++) {
                Object value = row[c];
                if (value == null) {
                    nulls[c]++;
                } else if (ordered[c]
                        && !(value instanceof Double d && d.isNaN())
                        && !(value instanceof Float f && f.isNaN())) {
                    if (min[c] == null) {
                        min[c] = value;
                        max[c] = value;
                    } else if (Values.compare(schema.column(c).type(), value, min[c]) < 0) {
                        min[c] = value;
                    } else if (Values.compare(schema.column(c).type(), value, max[c]) > 0) {
                        max[c] = value;
                    }
                }
            }
        }

        /** As {@link #add} for each gathered row, one column at a time (no row arrays, the type looked up once). */
        void addColumns(Object[][] columns, int[] positions, int from, int count) {
            for (int c = 0; c < min.length; c++) {
                Object[] values = columns[c];
                ColumnType type = schema.column(c).type();
                boolean orderedColumn = ordered[c];
                boolean floating = type.kind() == ColumnType.Kind.FLOAT32 || type.kind() == ColumnType.Kind.FLOAT64;
                Object low = min[c];
                Object high = max[c];
                long nullCount = 0;
                for (int i = from; i < from + count; i++) {
                    Object value = values[positions[i]];
                    if (value == null) {
                        nullCount++;
                    } else if (orderedColumn && !(floating && isNaN(value))) {
                        if (low == null) {
                            low = value;
                            high = value;
                        } else if (Values.compare(type, value, low) < 0) {
                            low = value;
                        } else if (Values.compare(type, value, high) > 0) {
                            high = value;
                        }
                    }
                }
                min[c] = low;
                max[c] = high;
                nulls[c] += nullCount;
            }
        }

        private static boolean isNaN(Object value) {
            return value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN();
        }

        String json() {
            ObjectNode stats = JSON.createObjectNode();
            for (int c = 0; c < min.length; c++) {
                Column column = schema.column(c);
                ObjectNode entry = stats.putObject(column.name());
                entry.put("type", column.type().toString());
                entry.put("nullCount", nulls[c]);
                if (min[c] != null && !column.type().isBinaryLike()) {
                    entry.put("min", Values.format(column.type(), min[c]));
                    entry.put("max", Values.format(column.type(), max[c]));
                }
            }
            return stats.toString();
        }
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
