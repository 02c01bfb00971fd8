package coop.cpc.lakehouse.application.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.WebmColumnar;
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
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The segment files under {@code webm_storage_path}: {@code <namespace>/<asset>/data/<uuid>.webm}
 * (and delete segments under {@code deletes/}).
 * A file is written under a temporary name, forced to disk, then renamed into place atomically,
 * so a reader or a crash never meets half a segment; until a commit names it, it is an orphan.
 */
public class SegmentFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMP_SUFFIX = ".webm.tmp";
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(SegmentFiles.class.getName());

    private final Path root;

    public SegmentFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
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
        if (!folder.equals("data") && !folder.equals("deletes")) {
            throw new IllegalArgumentException("segment folder " + folder + " is neither data nor deletes");
        }
        Path directory = root.resolve(namespace).resolve(asset).resolve(folder);
        Files.createDirectories(directory);
        String name = UUID.randomUUID() + ".webm";
        Path temp = directory.resolve("." + name + TEMP_SUFFIX);
        Path file = directory.resolve(name);
        MessageDigest sha256 = sha256();
        String statistics = statistics(schema, rows);
        boolean kept = false;
        try {
            try (OutputStream out =
                            new DigestOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), sha256);
                    SegmentWriter writer = WebmColumnar.write(out)
                            .schema(schema)
                            .title(namespace + "." + asset)
                            .threads(encoderThreads(schema))
                            .build()) {
                for (Object[] row : rows) {
                    writer.add(row);
                }
            }
            force(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            force(directory);
            StagedSegment staged = new StagedSegment(
                    root.relativize(file).toString(),
                    rows.size(),
                    Files.size(file),
                    HexFormat.of().formatHex(sha256.digest()),
                    statistics);
            kept = true;
            return staged;
        } finally {
            // Whatever failed (an I/O error, a bad value, running out of memory), no file of this write stays behind.
            if (!kept) {
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

    /** Removes a segment no snapshot refers to (a writer that lost, or gave up). */
    public void delete(StagedSegment segment) throws IOException {
        Files.deleteIfExists(resolve(segment.path()));
    }

    /** Per column: min, max (as the format's text) and null count, for the catalog and row-group-free pruning. */
    static String statistics(Schema schema, List<Object[]> rows) {
        ObjectNode stats = JSON.createObjectNode();
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            // Strings and bytes get no min/max here: comparing them (as UTF-8) cost as much as encoding the segment.
            boolean ordered = !column.type().isBinaryLike();
            Object min = null;
            Object max = null;
            long nulls = 0;
            for (Object[] row : rows) {
                Object value = row[c];
                if (value == null) {
                    nulls++;
                } else if (ordered
                        && !(value instanceof Double d && d.isNaN())
                        && !(value instanceof Float f && f.isNaN())) {
                    min = min == null || Values.compare(column.type(), value, min) < 0 ? value : min;
                    max = max == null || Values.compare(column.type(), value, max) > 0 ? value : max;
                }
            }
            ObjectNode entry = stats.putObject(column.name());
            entry.put("nullCount", nulls);
            if (min != null) {
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
}
