package coop.cpc.lakehouse.ingest.postgres;

import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Reads a table's binary COPY one row at a time, for a chunk step that checkpoints between rows: typed
 * columns are decoded from their binary form ({@link PostgresBinary}), the rest and the key columns arrive
 * as text.
 * Opened by {@link PostgresTableSource#open(ReadPosition)}; {@link #position()} is where a new
 * reader resumes.
 *
 * <p>{@link #close()} ends the COPY even in the middle of the stream (a cancel request, then
 * what the server sent before it stopped is read and dropped), so the connection stays usable. When the connection is not in auto-commit
 * mode the COPY runs under a savepoint, and an unfinished COPY is rolled back to it: the
 * caller's transaction is not left aborted.
 */
public final class PostgresRowReader implements Closeable {
    /** Longest COPY row, in bytes, the reader buffers; a longer one fails the read (it is not one record's fault). */
    public static final int MAX_ROW_BYTES = 64 << 20;
    /** SQLSTATE query_canceled. */
    private static final String QUERY_CANCELED = "57014";

    private final Connection connection;
    private final QualifiedTableName table;
    private final List<SourceColumn> columns;
    private final List<SourceColumn> key;
    private final Savepoint savepoint;
    private final PGCopyInputStream copy;
    private final BinaryCopyStream tuples;
    private final int maxRowBytes;
    private long toSkip;
    private long rowsRead;
    /**
     * The key columns' values of the last row read (each row's own array, never changed once set), or null when
     * {@link #keyBytes} holds a later row's key that no one has asked for yet.
     */
    private String[] lastKey;
    /** The key columns' text of the last row read, copied into buffers kept from row to row: decoded when asked. */
    private final byte[][] keyBytes;

    private final int[] keyLengths;

    private long rows;
    private long rejected;
    private boolean ended;
    private boolean closed;

    PostgresRowReader(
            Connection connection,
            QualifiedTableName table,
            List<SourceColumn> columns,
            List<SourceColumn> key,
            ReadPosition from,
            String copySql,
            int maxRowBytes)
            throws SQLException, IOException {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.key = key;
        this.rowsRead = from.rowsRead();
        this.lastKey = from.lastKey().toArray(String[]::new);
        this.keyBytes = new byte[key.size()][16];
        this.keyLengths = new int[key.size()];
        // Without a key the COPY starts at the first row again: pass over the rows already read.
        this.toSkip = key.isEmpty() ? from.rowsRead() : 0;
        this.savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            this.copy = new PGCopyInputStream(connection.unwrap(PGConnection.class), copySql);
        } catch (SQLException e) {
            abandonSavepoint();
            throw e;
        }
        this.maxRowBytes = maxRowBytes;
        this.tuples = new BinaryCopyStream(copy, maxRowBytes);
    }

    /**
     * Reads the next row of the table and sends it to the sink as a row, or as a rejected record
     * naming the column whose value has no asset form.
     *
     * @return false at the end of the table, with nothing sent
     * @throws SourceTableException the COPY gave a record of the wrong shape
     * @throws IOException the COPY failed or the sink did
     */
    public boolean readNext(RowSink sink) throws IOException {
        if (closed) {
            throw new IllegalStateException("reader of " + table + " is closed");
        }
        int fields = nextTuple();
        while (fields >= 0 && toSkip > 0) {
            toSkip--;
            fields = nextTuple();
        }
        if (fields < 0) {
            ended = true;
            return false;
        }
        rowsRead++;
        int width = columns.size() + key.size();
        if (fields != width) {
            throw new SourceTableException("COPY of " + table + " gave " + fields + " fields, expected " + width);
        }
        byte[] b = tuples.buffer();
        Object[] row = new Object[columns.size()];
        String problem = null;
        for (int i = 0; i < columns.size() && problem == null; i++) {
            try {
                row[i] = tuples.isNull(i)
                        ? null
                        : PostgresBinary.decode(columns.get(i), b, tuples.offset(i), tuples.length(i));
            } catch (IllegalArgumentException e) {
                problem = "column " + columns.get(i).name() + ": " + e.getMessage();
            }
        }
        // The key's bytes are kept, not decoded: the checkpoint's strings are made when asked for (position()).
        for (int k = 0; k < keyBytes.length; k++) {
            int f = columns.size() + k;
            // Key columns are selected as text, never NULL (a primary key).
            int length = Math.max(0, tuples.length(f));
            if (length > keyBytes[k].length) {
                // Bounded: a row, and so a field of it, is at most maxRowBytes long.
                keyBytes[k] = new byte[Math.max(length, Math.min(2 * keyBytes[k].length, maxRowBytes))];
            }
            System.arraycopy(b, tuples.offset(f), keyBytes[k], 0, length);
            keyLengths[k] = length;
        }
        // Decoded when asked for; a table without key has none (a key of an earlier run's checkpoint is gone).
        lastKey = null;
        if (problem == null) {
            rows++;
            sink.row(row);
        } else {
            rejected++;
            String position = key.isEmpty() ? "row " + rowsRead : "key (" + String.join(", ", lastKey()) + ")";
            sink.reject(new RejectedRecord(table.toString(), position, problem));
        }
        return true;
    }

    private int nextTuple() throws IOException {
        try {
            return tuples.next();
        } catch (BinaryCopyStream.RowTooLongException e) {
            throw new SourceTableException(
                    "a row of " + table + afterLastRow() + " is longer than " + maxRowBytes + " bytes");
        } catch (IOException e) {
            // A COPY that breaks off (truncated stream, lost connection) names where it broke, for the restart.
            throw new IOException("reading " + table + afterLastRow() + ": " + e.getMessage(), e);
        }
    }

    /**
     * " after row n" (rows of the table read so far, across restarts), "" before the first row. Not the key: the
     * message becomes the run's exit status, which operators see without being allowed to read the asset's rows.
     */
    private String afterLastRow() {
        return rowsRead > 0 ? " after row " + rowsRead : "";
    }

    /** The checkpoint after the last row given to the sink: a reader opened at it reads the rest. */
    public ReadPosition position() {
        return new ReadPosition(rowsRead, Arrays.asList(lastKey()));
    }

    /** The key of the last row read, decoded from its kept bytes the first time it is asked for. */
    private String[] lastKey() {
        if (lastKey == null) {
            String[] decoded = new String[keyBytes.length];
            for (int k = 0; k < decoded.length; k++) {
                decoded[k] = new String(keyBytes[k], 0, keyLengths[k], StandardCharsets.UTF_8);
            }
            lastKey = decoded;
        }
        return lastKey;
    }

    /** Rows given to the sink by this reader. */
    public long rows() {
        return rows;
    }

    /** Rejected records given to the sink by this reader. */
    public long rejected() {
        return rejected;
    }

    /**
     * Ends the read. A COPY still streaming is cancelled; the connection can be used afterwards.
     * Closing twice does nothing.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cancelIfStreaming();
            copy.close();
        } finally {
            finishSavepoint();
        }
    }

    /**
     * Asks the server to cancel the COPY, then reads what it sent before it saw the cancel, up to
     * its error: the connection's protocol stream stays in step. (pgjdbc's own
     * {@code PGCopyInputStream.cancelCopy()} leaves the rest of a COPY OUT and its error unread,
     * so the next statement receives the previous one's answer.)
     */
    private void cancelIfStreaming() throws IOException {
        if (!copy.isActive()) {
            return;
        }
        boolean cancelled = false;
        try {
            connection.unwrap(PGConnection.class).cancelQuery();
            while (copy.readFromCopy() != null) {
                continue;
            }
        } catch (SQLException e) {
            if (!isQueryCanceled(e) || copy.isActive()) {
                throw new IOException("could not cancel the COPY of " + table, e);
            }
            cancelled = true;
        }
        if (!cancelled) {
            absorbLateCancel();
        }
    }

    /**
     * The COPY reached its end before the cancel did: the server may still hold the cancel and
     * apply it to the next statement. A statement of our own takes it instead.
     */
    private void absorbLateCancel() throws IOException {
        try (Statement probe = connection.createStatement()) {
            probe.execute("SELECT 1");
        } catch (SQLException e) {
            if (!isQueryCanceled(e)) {
                throw new IOException("connection unusable after the COPY of " + table, e);
            }
        }
    }

    private static boolean isQueryCanceled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void finishSavepoint() throws IOException {
        if (savepoint == null) {
            return;
        }
        try {
            if (!ended) {
                connection.rollback(savepoint);
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IOException("could not end the savepoint of the COPY of " + table, e);
        }
    }

    private void abandonSavepoint() {
        if (savepoint == null) {
            return;
        }
        try {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException ignored) {
            // The COPY could not start; its own error is the one to report.
        }
    }
}
