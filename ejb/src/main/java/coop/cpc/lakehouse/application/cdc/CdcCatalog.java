package coop.cpc.lakehouse.application.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The catalog's rows of CDC: streams, their tables and their offsets (plain SQL on the catalog
 * datasource, so an offset joins the JTA transaction of the snapshots it covers).
 */
@Stateless
public class CdcCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM_COLUMNS = "id, name, source_url, source_user, password_alias, target_namespace,"
            + " snapshot_mode, slot_name, publication_name, desired_state, snapshot_completed, tags::text, last_error,"
            + " created_at, version";

    @Resource(lookup = "java:jboss/datasources/LakehouseDS")
    DataSource dataSource;

    /** A committed offset and its version (for compare-and-set). */
    public record StoredOffset(String json, long version) {
    }

    public void insert(CdcStream stream, String createdBy) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO lakehouse.cdc_streams (id, name, source_url,"
                    + " source_user, password_alias, target_namespace, snapshot_mode, slot_name, publication_name,"
                    + " desired_state, tags, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
                s.setObject(1, stream.id());
                s.setString(2, stream.name());
                s.setString(3, stream.url());
                s.setString(4, stream.user());
                s.setString(5, stream.passwordAlias());
                s.setString(6, stream.targetNamespace());
                s.setString(7, stream.snapshotMode().name());
                s.setString(8, stream.slot());
                s.setString(9, stream.publication());
                s.setString(10, stream.running() ? "RUNNING" : "STOPPED");
                s.setString(11, JSON.writeValueAsString(stream.tags()));
                s.setString(12, createdBy);
                s.executeUpdate();
            }
            for (CdcTable table : stream.tables()) {
                insertTable(c, stream.id(), table);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot record CDC stream " + stream.name(), e);
        }
    }

    private static void insertTable(Connection c, UUID streamId, CdcTable table) throws SQLException, JsonProcessingException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO lakehouse.cdc_stream_tables (stream_id, source_table,"
                + " asset_id, key_columns) VALUES (?, ?, ?, ?::jsonb)")) {
            s.setObject(1, streamId);
            s.setString(2, table.sourceTable());
            s.setObject(3, table.assetId());
            s.setString(4, JSON.writeValueAsString(table.keyColumns()));
            s.executeUpdate();
        }
    }

    /** Replaces the stream's tables (an update that adds tables); the stream's other settings stay. */
    public void replaceTables(UUID streamId, List<CdcTable> tables) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM lakehouse.cdc_stream_tables WHERE stream_id = ?")) {
            s.setObject(1, streamId);
            s.executeUpdate();
            for (CdcTable table : tables) {
                insertTable(c, streamId, table);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot record the tables of CDC stream " + streamId, e);
        }
    }

    public List<CdcStream> list() {
        return query("SELECT " + STREAM_COLUMNS + " FROM lakehouse.cdc_streams ORDER BY created_at, id", null);
    }

    public Optional<CdcStream> find(UUID id) {
        return query("SELECT " + STREAM_COLUMNS + " FROM lakehouse.cdc_streams WHERE id = ?", id).stream().findFirst();
    }

    public Optional<CdcStream> findByName(String name) {
        return query("SELECT " + STREAM_COLUMNS + " FROM lakehouse.cdc_streams WHERE name = ?", name).stream().findFirst();
    }

    private List<CdcStream> query(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            List<CdcStream> streams = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(1, UUID.class);
                    streams.add(new CdcStream(id, r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), CdcStream.SnapshotMode.valueOf(r.getString(7)), r.getString(8), r.getString(9),
                            r.getString(10).equals("RUNNING"), r.getBoolean(11),
                            JSON.readValue(r.getString(12), new TypeReference<List<String>>() { }), r.getString(13),
                            tables(c, id), r.getTimestamp(14).toInstant(), r.getLong(15)));
                }
            }
            return streams;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read CDC streams", e);
        }
    }

    private static List<CdcTable> tables(Connection c, UUID streamId) throws SQLException, JsonProcessingException {
        try (PreparedStatement s = c.prepareStatement("SELECT source_table, asset_id, key_columns::text FROM"
                + " lakehouse.cdc_stream_tables WHERE stream_id = ? ORDER BY source_table")) {
            s.setObject(1, streamId);
            List<CdcTable> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tables.add(new CdcTable(r.getString(1), r.getObject(2, UUID.class),
                            JSON.readValue(r.getString(3), new TypeReference<List<String>>() { })));
                }
            }
            return tables;
        }
    }

    /** Records what the operator asked for (RUNNING or STOPPED), so a restart of the server does the same. */
    public void setRunning(UUID streamId, boolean running) {
        update("UPDATE lakehouse.cdc_streams SET desired_state = ?, updated_at = now(), version = version + 1 WHERE id = ?",
                running ? "RUNNING" : "STOPPED", streamId);
    }

    /** The last error (null clears it), in its own transaction so that it outlives a failed commit. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void setLastError(UUID streamId, String error) {
        update("UPDATE lakehouse.cdc_streams SET last_error = ?, updated_at = now() WHERE id = ?", error, streamId);
    }

    private void update(String sql, String value, UUID streamId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setObject(2, streamId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update CDC stream " + streamId, e);
        }
    }

    /** Marks the initial snapshot committed, inside the transaction that commits its rows. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void markSnapshotCompleted(UUID streamId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE lakehouse.cdc_streams SET snapshot_completed = true, updated_at = now() WHERE id = ?")) {
            s.setObject(1, streamId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update CDC stream " + streamId, e);
        }
    }

    public Optional<StoredOffset> offset(String connectorName) {
        return readOffset(dataSource, connectorName);
    }

    /** Reads a committed offset; used by {@link CatalogOffsetStore} too, which is no bean. */
    static Optional<StoredOffset> readOffset(DataSource dataSource, String connectorName) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT offsets::text, version FROM lakehouse.cdc_offsets"
                        + " WHERE connector_name = ?")) {
            s.setString(1, connectorName);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredOffset(r.getString(1), r.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the CDC offset of " + connectorName, e);
        }
    }

    /**
     * Writes the offset in the caller's transaction, by compare-and-set on the version read before
     * (-1: no offset yet).
     *
     * @return false when another writer moved it first (the caller's transaction must roll back)
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean saveOffset(String connectorName, Map<String, ?> offset, long expectedVersion) {
        try (Connection c = dataSource.getConnection()) {
            String json = JSON.writeValueAsString(new LinkedHashMap<>(offset));
            if (expectedVersion < 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO lakehouse.cdc_offsets (connector_name, offsets)"
                        + " VALUES (?, ?::jsonb) ON CONFLICT (connector_name) DO NOTHING")) {
                    s.setString(1, connectorName);
                    s.setString(2, json);
                    return s.executeUpdate() == 1;
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE lakehouse.cdc_offsets SET offsets = ?::jsonb,"
                    + " updated_at = now(), version = version + 1 WHERE connector_name = ? AND version = ?")) {
                s.setString(1, json);
                s.setString(2, connectorName);
                s.setLong(3, expectedVersion);
                return s.executeUpdate() == 1;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the CDC offset of " + connectorName, e);
        }
    }

    /**
     * Commits just an offset (a heartbeat, or transactions of no captured table), in its own
     * transaction, by compare-and-set.
     *
     * @throws IllegalStateException when another writer moved it first (nothing is written)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void commitOffset(String connectorName, Map<String, ?> offset, long expectedVersion) {
        if (!saveOffset(connectorName, offset, expectedVersion)) {
            throw new IllegalStateException("the offset of " + connectorName + " was moved by another writer");
        }
    }

    /** Forgets a stream's offset (a restart from scratch after its slot was dropped). */
    public void deleteOffset(String connectorName) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM lakehouse.cdc_offsets WHERE connector_name = ?")) {
            s.setString(1, connectorName);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete the CDC offset of " + connectorName, e);
        }
    }
}
