package coop.cpc.lakehouse.ingest.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The SQL a CDC stream runs on its source database itself (the Debezium engine opens its own
 * connections): a connection for the set-up, the heartbeat table, and what the source's catalog
 * says of a captured table (replica identity, primary key, columns).
 */
public final class CdcSourceDatabase {

    /** A column as pg_attribute describes it; {@code type} is format_type's text. */
    public record Column(String name, String type, boolean notNull) {}

    /**
     * A table as the source's catalog describes it.
     *
     * @param replicaIdentity pg_class.relreplident ('d', 'n', 'f' or 'i')
     * @param primaryKey      the primary key's columns in key order; empty without one
     * @param columns         the live columns in attnum order
     */
    public record Table(String replicaIdentity, List<String> primaryKey, List<Column> columns) {
        public Table {
            primaryKey = List.copyOf(primaryKey);
            columns = List.copyOf(columns);
        }
    }

    private CdcSourceDatabase() {}

    /**
     * A connection to the address the source guard checked ({@code host} is an address, IPv6 in brackets; the name
     * with {@code sslmode=verify-full}). A server that asks for the password in clear text gets none unless
     * {@link CleartextPasswordRule} allows it.
     *
     * @param allowCleartextPassword the password's binding allows a clear-text password
     *     ({@code allow_cleartext_password})
     */
    public static Connection connect(
            String host, SourceDatabaseUrl url, String user, String password, boolean allowCleartextPassword)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", url.sslmode());
        CleartextPasswordRule.apply(p, "", url, allowCleartextPassword);
        p.setProperty("ApplicationName", "lakehouse-cdc");
        p.setProperty(
                "connectTimeout",
                Integer.toString(url.seconds("connectTimeout", SourceDatabaseUrl.DEFAULT_CONNECT_TIMEOUT)));
        p.setProperty(
                "socketTimeout",
                Integer.toString(url.seconds("socketTimeout", SourceDatabaseUrl.DEFAULT_SOCKET_TIMEOUT)));
        Connection c = new org.postgresql.Driver()
                .connect("jdbc:postgresql://" + host + ":" + url.port() + "/" + url.database(), p);
        if (c == null) {
            throw new SQLException("no connection");
        }
        return c;
    }

    /**
     * Creates the heartbeat table if it does not exist.
     *
     * @param table a fixed, already quoted-safe {@code schema.table} (never user input)
     */
    public static void createHeartbeatTable(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (slot_name text PRIMARY KEY, beat_at timestamptz NOT NULL)");
        }
    }

    /**
     * Adds the tables the publication does not hold yet to it (as its owner: the stream's user).
     *
     * A table that no longer exists is left out (a dropped table cannot join; the copy it waited for ends when
     * Debezium's scan finds no such table).
     *
     * @return the tables added; empty when the publication does not exist (whoever creates it names its tables)
     */
    public static List<QualifiedTableName> addToPublication(
            Connection c, String publication, List<QualifiedTableName> tables) throws SQLException {
        List<QualifiedTableName> added = new ArrayList<>();
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            exists.setString(1, publication);
            try (ResultSet r = exists.executeQuery()) {
                if (!r.next()) {
                    return added;
                }
            }
        }
        for (QualifiedTableName table : tables) {
            if (!exists(c, table)) {
                continue; // dropped: its copy ends when Debezium's scan finds no table
            }
            try (PreparedStatement held = c.prepareStatement("SELECT 1 FROM pg_publication_tables"
                    + " WHERE pubname = ? AND schemaname = ? AND tablename = ?")) {
                held.setString(1, publication);
                held.setString(2, table.schema());
                held.setString(3, table.table());
                try (ResultSet r = held.executeQuery()) {
                    if (r.next()) {
                        continue;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute(
                        "ALTER PUBLICATION " + QualifiedTableName.quote(publication) + " ADD TABLE " + table.quoted());
            }
            added.add(table);
        }
        return added;
    }

    private static boolean exists(Connection c, QualifiedTableName table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table.quoted());
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /**
     * The replication slot named {@code slot} on the source's server, if there is one (slot names are the server's,
     * not a database's): the database it was created in, or empty text for a physical slot. {@code
     * pg_replication_slots} is readable by every user.
     */
    public static Optional<String> replicationSlotDatabase(Connection c, String slot) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT database FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String database = r.getString(1);
                return Optional.of(database == null ? "" : database);
            }
        }
    }

    /** The slot's confirmed flush position as a WAL byte offset; empty when the slot does not exist (or has none). */
    public static Optional<Long> confirmedFlushLsn(Connection c, String slot) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getBigDecimal(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(r.getBigDecimal(1).longValue());
            }
        }
    }

    /**
     * Drops a stream's replication slot and publication, and its row of the heartbeat table, each if it
     * exists. A slot still held by a walsender that is going away is asked again for up to
     * {@code activeWaitMs}.
     *
     * @param heartbeatTable a fixed, already quoted-safe {@code schema.table} (never user input)
     * @return whether a slot was dropped
     */
    public static boolean dropReplication(
            Connection c, String slot, String publication, String heartbeatTable, long activeWaitMs)
            throws SQLException {
        boolean dropped = false;
        long until = System.currentTimeMillis() + activeWaitMs;
        while (true) {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_drop_replication_slot(slot_name)"
                    + " FROM pg_replication_slots WHERE slot_name = ? AND database = current_database()")) {
                s.setString(1, slot);
                try (ResultSet r = s.executeQuery()) {
                    dropped = r.next();
                }
                break;
            } catch (SQLException e) {
                // 55006 object_in_use: the stopped engine's walsender has not let go of the slot yet.
                if (!"55006".equals(e.getSQLState()) || System.currentTimeMillis() > until) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP PUBLICATION IF EXISTS " + QualifiedTableName.quote(publication));
        }
        boolean hasHeartbeats;
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, heartbeatTable);
            try (ResultSet r = s.executeQuery()) {
                hasHeartbeats = r.next() && r.getBoolean(1);
            }
        }
        if (hasHeartbeats) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + heartbeatTable + " WHERE slot_name = ?")) {
                s.setString(1, slot);
                s.executeUpdate();
            }
        }
        return dropped;
    }

    /** The table's replica identity, key and columns; empty when it is no table (nor partitioned table) of the source. */
    public static Optional<Table> describe(Connection c, QualifiedTableName table) throws SQLException {
        String regclass = table.quoted();
        String identity;
        try (PreparedStatement s = c.prepareStatement("SELECT c.relreplident FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            s.setString(1, table.schema());
            s.setString(2, table.table());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                identity = r.getString(1);
            }
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
            s.setString(1, regclass);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    key.add(r.getString(1));
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT attname, format_type(atttypid, atttypmod), attnotnull"
                        + " FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            s.setString(1, regclass);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(new Column(r.getString(1), r.getString(2), r.getBoolean(3)));
                }
            }
        }
        return Optional.of(new Table(identity, key, columns));
    }
}
