package coop.cpc.lakehouse.it;

import coop.cpc.lakehouse.launcher.EmbeddedCatalogDatabase;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The source PostgreSQL of the CDC tests: a second embedded PostgreSQL (wal_level=logical) on its
 * own port and data folder, stopped (and its postmaster killed if need be) by {@link #close()}.
 */
public final class CdcSource implements AutoCloseable {
    public static final String DATABASE = "sources";

    private final EmbeddedCatalogDatabase postgres;
    private final Path data;

    private CdcSource(EmbeddedCatalogDatabase postgres, Path data) {
        this.postgres = postgres;
        this.data = data;
    }

    public static int port() {
        return Integer.parseInt(System.getProperty("lakehouse.it.cdc.source.port", "54339"));
    }

    public static CdcSource start(String folder) throws IOException, SQLException {
        Path dir = Path.of(System.getProperty("lakehouse.it.dir", "target"));
        Path data = dir.resolve(folder);
        ServerProvisioner.deleteRecursively(data);
        CdcSource source =
                new CdcSource(EmbeddedCatalogDatabase.start(data, port(), dir.resolve(folder + ".log")), data);
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port() + "/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException | RuntimeException e) {
            // The caller never gets the source, so it could not stop it.
            try {
                source.close();
            } catch (Exception stopFailed) {
                e.addSuppressed(stopFailed);
            }
            throw e;
        }
        return source;
    }

    /** Starts the same data folder again (after a stop or a crash). */
    public CdcSource restart() throws IOException {
        return new CdcSource(
                EmbeddedCatalogDatabase.start(data, port(), data.resolveSibling(data.getFileName() + ".log")), data);
    }

    public static String url() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    public static void execute(String... statements) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** SELECT * of the table as the lakehouse's rows API writes values (sorted, for comparison). */
    public static List<List<String>> rows(String table) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(text(r, i, meta.getColumnType(i), meta.getColumnTypeName(i)));
                }
                rows.add(row);
            }
        }
        rows.sort(ROW_ORDER);
        return rows;
    }

    public static final Comparator<List<String>> ROW_ORDER =
            (a, b) -> String.join("\u0001", nulls(a)).compareTo(String.join("\u0001", nulls(b)));

    private static List<String> nulls(List<String> row) {
        return row.stream().map(v -> v == null ? "\u0000" : v).toList();
    }

    private static String text(ResultSet r, int i, int type, String typeName) throws SQLException {
        if (r.getObject(i) == null) {
            return null;
        }
        if (typeName.equals("timestamptz")) {
            return r.getObject(i, OffsetDateTime.class).toInstant().toString();
        }
        if (typeName.equals("timestamp")) {
            return r.getObject(i, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString();
        }
        return switch (type) {
            case Types.NUMERIC, Types.DECIMAL -> r.getBigDecimal(i).toPlainString();
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY ->
                Base64.getEncoder().encodeToString(r.getBytes(i));
            case Types.BIT, Types.BOOLEAN -> Boolean.toString(r.getBoolean(i));
            default -> r.getString(i);
        };
    }

    /** The slot's confirmed flush position, as a number (null when the slot does not exist). */
    public static Long confirmedFlushLsn(String slot) throws SQLException {
        try (Connection c = connect();
                var s = c.prepareStatement(
                        "SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getObject(1) != null ? ((BigDecimal) r.getObject(1)).longValue() : null;
            }
        }
    }

    /** The source's current WAL position, as a number. */
    public static long currentWalLsn() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            r.next();
            return ((BigDecimal) r.getObject(1)).longValue();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
