package coop.cpc.lakehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
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

/**
 * What an ingestion job does with the rows a source pushes: collects a chunk (10,000 rows by
 * default) and writes it as one segment file the way the server's
 * {@code ejb/.../application/table/SegmentFiles.write} does: temporary name, SHA-256 while
 * writing, fsync, atomic rename, fsync of the directory, then the per-column statistics JSON for
 * the catalog. Those steps are copied here (not called) so that the benchmark does not depend on
 * the EJB module and its Jakarta APIs; keep them in step with SegmentFiles.
 */
final class ChunkedSegmentSink implements RowSink {
    static final int DEFAULT_CHUNK_ROWS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMP_SUFFIX = ".webm.tmp";

    private final Path directory;
    private final Schema schema;
    private final String title;
    private final int chunkRows;
    private final List<Object[]> chunk;
    private final List<Path> written = new ArrayList<>();
    private long rows;
    private long rejected;
    private long bytes;
    private long writeNanos;
    private long syncNanos;

    ChunkedSegmentSink(Path directory, Schema schema, String title, int chunkRows) throws IOException {
        this.directory = directory;
        this.schema = schema;
        this.title = title;
        this.chunkRows = chunkRows;
        this.chunk = new ArrayList<>(chunkRows);
        Files.createDirectories(directory);
    }

    @Override
    public void row(Object[] values) throws IOException {
        chunk.add(values);
        rows++;
        if (chunk.size() == chunkRows) {
            flush();
        }
    }

    @Override
    public void reject(RejectedRecord record) {
        rejected++;
    }

    /** Writes the last, partial chunk. */
    void finish() throws IOException {
        if (!chunk.isEmpty()) {
            flush();
        }
    }

    private void flush() throws IOException {
        long t0 = System.nanoTime();
        Path file = write(chunk);
        writeNanos += System.nanoTime() - t0;
        written.add(file);
        bytes += Files.size(file);
        chunk.clear();
    }

    /** SegmentFiles.write, minus the catalog-relative path. */
    private Path write(List<Object[]> rows) throws IOException {
        String name = UUID.randomUUID() + ".webm";
        Path temp = directory.resolve("." + name + TEMP_SUFFIX);
        Path file = directory.resolve(name);
        MessageDigest sha256 = sha256();
        try {
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), sha256);
                    SegmentWriter writer = WebmColumnar.write(out).schema(schema).title(title)
                            .threads(Math.max(1, Math.min(schema.size(), Runtime.getRuntime().availableProcessors()))).build()) {
                for (Object[] row : rows) {
                    writer.add(row);
                }
            }
            long t0 = System.nanoTime();
            force(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            force(directory);
            syncNanos += System.nanoTime() - t0;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        HexFormat.of().formatHex(sha256.digest());
        statistics(schema, rows);
        return file;
    }

    /** SegmentFiles.statistics: per column min, max (as text) and null count. */
    static String statistics(Schema schema, List<Object[]> rows) {
        ObjectNode stats = JSON.createObjectNode();
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            Object min = null;
            Object max = null;
            long nulls = 0;
            for (Object[] row : rows) {
                Object value = row[c];
                if (value == null) {
                    nulls++;
                } else if (!(value instanceof Double d && d.isNaN()) && !(value instanceof Float f && f.isNaN())) {
                    min = min == null || Values.compare(column.type(), value, min) < 0 ? value : min;
                    max = max == null || Values.compare(column.type(), value, max) > 0 ? value : max;
                }
            }
            ObjectNode entry = stats.putObject(column.name());
            entry.put("nullCount", nulls);
            if (min != null && !column.type().isBinaryLike()) {
                entry.put("min", Values.format(column.type(), min));
                entry.put("max", Values.format(column.type(), max));
            }
        }
        return stats.toString();
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

    long rows() {
        return rows;
    }

    long rejected() {
        return rejected;
    }

    /** Bytes of the segment files written. */
    long bytes() {
        return bytes;
    }

    /** Time spent writing segments (encode, hash, fsync, rename, statistics). */
    long writeNanos() {
        return writeNanos;
    }

    /** Of {@link #writeNanos()}: fsync of the file, rename, fsync of the directory. */
    long syncNanos() {
        return syncNanos;
    }

    List<Path> files() {
        return written;
    }
}
