package coop.cpc.lakehouse.ingest.postgres;

import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RowSink;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Reads a PostgreSQL table with {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}. With a primary
 * key the rows come in key order and a read can resume after a {@link ReadPosition}; without one
 * a resumed read skips the rows already read (exact only if the table did not change).
 */
public final class PostgresTableSource {
    /** SQLSTATE of a statement cancelled by statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    private final Connection connection;
    private final QualifiedTableName table;
    private final List<SourceColumn> columns;
    private final List<SourceColumn> key;
    private int maxRowBytes = PostgresRowReader.MAX_ROW_BYTES;

    private PostgresTableSource(
            Connection connection, QualifiedTableName table, List<SourceColumn> columns, List<SourceColumn> key) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.key = key;
    }

    /**
     * Describes the table from the server's catalog.
     *
     * @param wanted the columns to read, or empty for all (in table order)
     * @throws SourceTableException when the table or a wanted column does not exist, or the role may
     *                              not read a column of the primary key
     */
    public static PostgresTableSource open(Connection connection, QualifiedTableName table, List<String> wanted)
            throws SQLException {
        List<SourceColumn> all = describe(connection, table);
        if (all.isEmpty()) {
            throw new SourceTableException(
                    "source table " + table + " does not exist or has no columns the connection may read");
        }
        List<SourceColumn> chosen = new ArrayList<>();
        for (String name : wanted) {
            QualifiedTableName.requireIdentifier("column", name);
            chosen.add(all.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new SourceTableException("source table " + table + " has no column " + name)));
        }
        // Any catalog name is read: every name is quoted, embedded quotes doubled, and names the asset
        // cannot take (its rule is Names.RULE) are refused when a run adds them to the asset.
        List<SourceColumn> columns = chosen.isEmpty() ? all : chosen;
        List<SourceColumn> key = new ArrayList<>();
        for (String name : primaryKey(connection, table)) {
            // describe() lists only the columns the role may read; a key it may not read cannot order a read.
            key.add(all.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new SourceTableException("the role may not read key column "
                            + QualifiedTableName.printable(name) + " of " + table)));
        }
        return new PostgresTableSource(connection, table, columns, key);
    }

    private static List<SourceColumn> describe(Connection connection, QualifiedTableName table) throws SQLException {
        // A type is known by its schema, not its name alone (a domain or enum public.int4 is no int4): a domain
        // is read as its base type (COPY sends the base type's binary form), with the innermost typmod the
        // chain of domains sets; a type outside pg_catalog keeps its schema-qualified name and is read as text.
        String sql = "SELECT a.attname, "
                + "CASE WHEN t.typnamespace = 'pg_catalog'::regnamespace THEN t.typname "
                + "ELSE tn.nspname || '.' || t.typname END, "
                + "CASE WHEN t.typnamespace = 'pg_catalog'::regnamespace AND t.typname = 'numeric' "
                + "THEN base.typmod ELSE -1 END, "
                + "NOT a.attnotnull, format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_attribute a "
                + "JOIN LATERAL (WITH RECURSIVE chain(typid, typmod, depth) AS ("
                + "SELECT a.atttypid, a.atttypmod, 0 UNION ALL "
                + "SELECT d.typbasetype, CASE WHEN chain.typmod = -1 THEN d.typtypmod ELSE chain.typmod END, "
                + "chain.depth + 1 FROM chain JOIN pg_type d ON d.oid = chain.typid AND d.typtype = 'd') "
                + "SELECT typid, typmod FROM chain ORDER BY depth DESC LIMIT 1) base ON true "
                + "JOIN pg_type t ON t.oid = base.typid JOIN pg_namespace tn ON tn.oid = t.typnamespace "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND has_column_privilege(c.oid, a.attnum, 'SELECT') ORDER BY a.attnum";
        List<SourceColumn> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, table.schema());
            select.setString(2, table.table());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int typmod = rows.getInt(3);
                    columns.add(new SourceColumn(
                            rows.getString(1),
                            rows.getString(2),
                            NumericTypmod.precision(typmod),
                            NumericTypmod.scale(typmod),
                            rows.getBoolean(4),
                            rows.getString(5)));
                }
            }
        }
        return columns;
    }

    private static List<String> primaryKey(Connection connection, QualifiedTableName table) throws SQLException {
        String sql = "SELECT a.attname FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                + "WHERE i.indisprimary AND n.nspname = ? AND c.relname = ? ORDER BY k.position";
        List<String> key = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, table.schema());
            select.setString(2, table.table());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return key;
    }

    /**
     * This table read into an asset that already has columns: a column the asset holds as a string is read as its
     * text even where its type maps to another ({@link SourceColumn#keepingTheTypeOf}); call it before {@link #open}.
     */
    public PostgresTableSource keepingTheStringColumnsOf(Schema asset) {
        List<SourceColumn> kept = columns.stream()
                .map(c -> c.keepingTheTypeOf(asset.columns().stream()
                        .filter(existing -> existing.name().equals(c.name()))
                        .findFirst()
                        .orElse(null)))
                .toList();
        return new PostgresTableSource(connection, table, kept, key).withMaxRowBytes(maxRowBytes);
    }

    /** The asset schema the table's columns map to. */
    public Schema assetSchema() {
        return new Schema(columns.stream().map(SourceColumn::assetColumn).toList());
    }

    public List<SourceColumn> columns() {
        return columns;
    }

    /** The primary key's column names, or empty when the table has none. */
    public List<String> primaryKey() {
        return key.stream().map(SourceColumn::name).toList();
    }

    /** {@code postgresql://host:port/database/schema.table}, without credentials: for lineage. */
    public String sourceUri() throws SQLException {
        String url = connection.getMetaData().getURL();
        String location = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
        return "postgresql://" + location + "/" + table;
    }

    /**
     * Opens a pull reader of the rows after {@code from}, converted to the asset columns: one row
     * or one rejected record per {@link PostgresRowReader#readNext}. The COPY occupies the
     * connection until the reader is closed.
     */
    public PostgresRowReader open(ReadPosition from) throws SQLException, IOException {
        try (Statement session = connection.createStatement()) {
            // Fixed text forms of the columns read as text (keys, json, uuid...), whatever the server's defaults.
            // No synchronized scans: a keyless table is resumed by skipping the rows read, so its COPY must
            // start at the first block, not where another session's scan of a large table has got to.
            session.execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET bytea_output = 'hex'; "
                    + "SET extra_float_digits = 1; SET IntervalStyle = 'iso_8601'; SET synchronize_seqscans = off");
        }
        String copy = "COPY (" + selectAfter(from) + ") TO STDOUT (FORMAT binary)";
        return new PostgresRowReader(connection, table, columns, key, from, copy, maxRowBytes);
    }

    /**
     * How many rows a read from {@code from} will meet, for a run's progress and ETA: an exact count,
     * given up (empty) when it takes longer than {@code timeoutMillis}, so that a huge table costs a
     * run at most that long. Run it before {@link #open}; inside a transaction, a count given up is
     * rolled back to a savepoint, so the transaction goes on.
     */
    public OptionalLong countAfter(ReadPosition from, int timeoutMillis) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (Statement count = connection.createStatement()) {
            count.execute("SET statement_timeout = " + Math.max(1, timeoutMillis));
            OptionalLong counted;
            try (ResultSet rows = count.executeQuery("SELECT count(*) FROM (" + selectAfter(from) + ") AS r")) {
                counted = rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            } catch (SQLException e) {
                if (!QUERY_CANCELED.equals(e.getSQLState())) {
                    throw e;
                }
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
                counted = OptionalLong.empty();
            }
            count.execute("RESET statement_timeout");
            return counted;
        } finally {
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
        }
    }

    /**
     * How many transactions of the source's server (any database) hold a transaction id and have not
     * ended yet. Runs read by increasing key: a row one of them commits later with a key below the last
     * key a run reads is read by no later run. Prepared transactions and writers that took a key before
     * their transaction id are not counted.
     *
     * @return the count, or empty when the server refuses the check (SELECT on pg_stat_activity revoked, or a
     *     PostgreSQL-compatible server without backend_xid): the count is a diagnostic, never a reason to fail
     */
    public OptionalInt writersInProgress() throws SQLException {
        // Not the snapshot's in-progress list: a writer with the newest transaction id is at its xmax, not in it.
        // backend_xid is shown for every session, whatever the role may see of their queries.
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()";
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(sql)) {
            rows.next();
            return OptionalInt.of(rows.getInt(1));
        } catch (SQLException refused) {
            // Inside a transaction, the failed statement must not abort the read that follows.
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            return OptionalInt.empty();
        } finally {
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
        }
    }

    /** For tests: a smaller bound on one COPY row than {@link PostgresRowReader#MAX_ROW_BYTES}. */
    PostgresTableSource withMaxRowBytes(int limit) {
        this.maxRowBytes = limit;
        return this;
    }

    /**
     * Streams the rows after {@code from} to the sink, converted to the asset columns; a value
     * that does not convert rejects its row with the column named.
     *
     * @return where the read ended: the checkpoint after the last row given to the sink
     */
    public ReadPosition read(ReadPosition from, RowSink sink) throws SQLException, IOException {
        try (PostgresRowReader reader = open(from)) {
            while (reader.readNext(sink)) {
                continue;
            }
            return reader.position();
        }
    }

    /** The SELECT of the COPY: the wanted columns, then the key columns as text, in key order after {@code from}. */
    public String selectAfter(ReadPosition from) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(columns.stream().map(SourceColumn::selectExpression).collect(Collectors.joining(", ")));
        for (SourceColumn k : key) {
            sql.append(", ").append(QualifiedTableName.quote(k.name())).append("::text");
        }
        // Qualified with the table alias: a key column may also be a wanted column of the same name.
        sql.append(" FROM ").append(table.quoted()).append(" AS t");
        if (!key.isEmpty()) {
            String keyList = key.stream()
                    .map(k -> "t." + QualifiedTableName.quote(k.name()))
                    .collect(Collectors.joining(", "));
            if (!from.lastKey().isEmpty()) {
                List<String> literals = new ArrayList<>();
                for (int k = 0; k < key.size(); k++) {
                    literals.add("CAST(" + quoteLiteral(from.lastKey().get(k)) + " AS "
                            + key.get(k).sqlType() + ")");
                }
                sql.append(" WHERE (")
                        .append(keyList)
                        .append(") > (")
                        .append(String.join(", ", literals))
                        .append(")");
            }
            sql.append(" ORDER BY ").append(keyList);
        }
        return sql.toString();
    }

    /** COPY takes no bind parameters: the server quotes the key value (quote_literal). */
    private String quoteLiteral(String value) throws SQLException {
        try (PreparedStatement quote = connection.prepareStatement("SELECT quote_literal(?)")) {
            quote.setString(1, value);
            try (ResultSet rows = quote.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
