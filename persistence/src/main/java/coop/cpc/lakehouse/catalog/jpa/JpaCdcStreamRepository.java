package coop.cpc.lakehouse.catalog.jpa;

import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRepository;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRow;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamTableRow;
import coop.cpc.lakehouse.catalog.cdc.DuplicateCdcStreamException;
import coop.cpc.lakehouse.catalog.cdc.StoredCdcOffset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.HibernateException;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * {@link CdcStreamRepository} as SQL on the EntityManager's own connection, so it joins the
 * caller's JTA transaction: the jsonb columns and the offset's compare-and-set upsert are plain
 * PostgreSQL, and the offset must be written on the connection of the snapshot commit it covers.
 */
@ApplicationScoped
public class JpaCdcStreamRepository implements CdcStreamRepository {
    private static final String STREAM_COLUMNS = "id, name, source_url, source_user, password_alias, target_namespace,"
            + " snapshot_mode, slot_name, publication_name, desired_state, snapshot_completed, tags::text, last_error,"
            + " created_at, version";

    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "lakehouse")
    private EntityManager em;

    /** For CDI. */
    public JpaCdcStreamRepository() {}

    /** For use outside a container (tests, tools) with an EntityManager the caller manages. */
    public JpaCdcStreamRepository(EntityManager em) {
        this.em = Objects.requireNonNull(em, "em");
    }

    private <T> T jdbc(String what, ReturningWork<T> work) {
        try {
            return em.unwrap(Session.class).doReturningWork(work);
        } catch (HibernateException e) {
            throw new IllegalStateException(what, e);
        }
    }

    @Override
    public void insert(CdcStreamRow stream, String createdBy) {
        jdbc("Cannot record CDC stream " + stream.name(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO lakehouse.cdc_streams (id, name, source_url,"
                    + " source_user, password_alias, target_namespace, snapshot_mode, slot_name, publication_name,"
                    + " desired_state, tags, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
                s.setObject(1, stream.id());
                s.setString(2, stream.name());
                s.setString(3, stream.sourceUrl());
                s.setString(4, stream.sourceUser());
                s.setString(5, stream.passwordAlias());
                s.setString(6, stream.targetNamespace());
                s.setString(7, stream.snapshotMode());
                s.setString(8, stream.slotName());
                s.setString(9, stream.publicationName());
                s.setString(10, stream.desiredState());
                s.setString(11, stream.tagsJson());
                s.setString(12, createdBy);
                s.executeUpdate();
            } catch (SQLException e) {
                throw duplicate(e, stream).orElseThrow(() -> e);
            }
            for (CdcStreamTableRow table : stream.tables()) {
                insertTable(c, stream.id(), table, "");
            }
            return null;
        });
    }

    /** The unique constraint of V7 the insert broke, if that is why it failed (PostgreSQL names it in the message). */
    private static Optional<DuplicateCdcStreamException> duplicate(SQLException e, CdcStreamRow stream) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return Optional.empty();
        }
        if (message.contains("cdc_streams_name_uk")) {
            return Optional.of(
                    new DuplicateCdcStreamException(DuplicateCdcStreamException.Taken.NAME, stream.name(), e));
        }
        if (message.contains("cdc_streams_slot_uk")) {
            return Optional.of(
                    new DuplicateCdcStreamException(DuplicateCdcStreamException.Taken.SLOT, stream.slotName(), e));
        }
        return Optional.empty();
    }

    private static void insertTable(Connection c, UUID streamId, CdcStreamTableRow table, String onConflict)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO lakehouse.cdc_stream_tables (stream_id, source_table,"
                        + " asset_id, key_columns, copy_requested_at, copy_completed_at) VALUES (?, ?, ?, ?::jsonb, ?, ?)"
                        + onConflict)) {
            s.setObject(1, streamId);
            s.setString(2, table.sourceTable());
            s.setObject(3, table.assetId());
            s.setString(4, table.keyColumnsJson());
            s.setTimestamp(5, timestamp(table.copyRequestedAt()));
            s.setTimestamp(6, timestamp(table.copyCompletedAt()));
            s.executeUpdate();
        }
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    @Override
    public void addTables(UUID streamId, List<CdcStreamTableRow> tables) {
        jdbc("Cannot record the tables of CDC stream " + streamId, c -> {
            for (CdcStreamTableRow table : tables) {
                insertTable(c, streamId, table, " ON CONFLICT (stream_id, source_table) DO NOTHING");
            }
            return null;
        });
    }

    @Override
    public List<CdcStreamRow> list() {
        return query("SELECT " + STREAM_COLUMNS + " FROM lakehouse.cdc_streams ORDER BY created_at, id");
    }

    @Override
    public List<CdcStreamRow> page(TimeOrderCursor afterOrNull, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        String order = " ORDER BY created_at, id LIMIT " + limit;
        if (afterOrNull == null) {
            return query("SELECT " + STREAM_COLUMNS + " FROM lakehouse.cdc_streams" + order);
        }
        return query(
                "SELECT " + STREAM_COLUMNS + " FROM lakehouse.cdc_streams WHERE (created_at, id) > (?, ?)" + order,
                Timestamp.from(afterOrNull.at()),
                afterOrNull.id());
    }

    @Override
    public Optional<CdcStreamRow> find(UUID id) {
        return query("SELECT " + STREAM_COLUMNS + " FROM lakehouse.cdc_streams WHERE id = ?", id).stream()
                .findFirst();
    }

    @Override
    public Optional<CdcStreamRow> findByName(String name) {
        return query("SELECT " + STREAM_COLUMNS + " FROM lakehouse.cdc_streams WHERE name = ?", name).stream()
                .findFirst();
    }

    @Override
    public List<String> namesWriting(UUID assetId) {
        return jdbc("Cannot read the CDC streams of asset " + assetId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT DISTINCT s.name FROM lakehouse.cdc_streams s"
                            + " JOIN lakehouse.cdc_stream_tables t ON t.stream_id = s.id WHERE t.asset_id = ? ORDER BY s.name")) {
                s.setObject(1, assetId);
                List<String> names = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        names.add(r.getString(1));
                    }
                }
                return names;
            }
        });
    }

    /** The streams the query selects, with their tables: two queries, however many streams and tables. */
    private List<CdcStreamRow> query(String sql, Object... parameters) {
        return jdbc("Cannot read CDC streams", c -> {
            List<CdcStreamRow> streams = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    if (parameters[i] != null) {
                        s.setObject(i + 1, parameters[i]);
                    }
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        streams.add(new CdcStreamRow(
                                r.getObject(1, UUID.class),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                r.getString(7),
                                r.getString(8),
                                r.getString(9),
                                r.getString(10),
                                r.getBoolean(11),
                                r.getString(12),
                                r.getString(13),
                                List.of(),
                                r.getTimestamp(14).toInstant(),
                                r.getLong(15)));
                    }
                }
            }
            Map<UUID, List<CdcStreamTableRow>> tables =
                    tables(c, streams.stream().map(CdcStreamRow::id).toList());
            return streams.stream()
                    .map(s -> withTables(s, tables.getOrDefault(s.id(), List.of())))
                    .toList();
        });
    }

    private static CdcStreamRow withTables(CdcStreamRow s, List<CdcStreamTableRow> tables) {
        return new CdcStreamRow(
                s.id(),
                s.name(),
                s.sourceUrl(),
                s.sourceUser(),
                s.passwordAlias(),
                s.targetNamespace(),
                s.snapshotMode(),
                s.slotName(),
                s.publicationName(),
                s.desiredState(),
                s.snapshotCompleted(),
                s.tagsJson(),
                s.lastError(),
                tables,
                s.createdAt(),
                s.version());
    }

    /** The tables of the streams, by stream, each stream's in source-table order: one query. */
    private static Map<UUID, List<CdcStreamTableRow>> tables(Connection c, List<UUID> streamIds) throws SQLException {
        Map<UUID, List<CdcStreamTableRow>> tables = new HashMap<>();
        if (streamIds.isEmpty()) {
            return tables;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT stream_id, source_table, asset_id, key_columns::text,"
                + " copy_requested_at, copy_completed_at FROM lakehouse.cdc_stream_tables WHERE stream_id = ANY (?)"
                + " ORDER BY stream_id, source_table")) {
            s.setArray(1, c.createArrayOf("uuid", streamIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tables.computeIfAbsent(r.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new CdcStreamTableRow(
                                    r.getString(2),
                                    r.getObject(3, UUID.class),
                                    r.getString(4),
                                    instant(r.getTimestamp(5)),
                                    instant(r.getTimestamp(6))));
                }
            }
        }
        return tables;
    }

    @Override
    public void setDesiredState(UUID streamId, String desiredState) {
        update(
                "UPDATE lakehouse.cdc_streams SET desired_state = ?, updated_at = now(), version = version + 1 WHERE id = ?",
                desiredState,
                streamId);
    }

    @Override
    public void setLastError(UUID streamId, String error) {
        update("UPDATE lakehouse.cdc_streams SET last_error = ?, updated_at = now() WHERE id = ?", error, streamId);
    }

    private void update(String sql, String value, UUID streamId) {
        jdbc("Cannot update CDC stream " + streamId, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, value);
                s.setObject(2, streamId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void markSnapshotCompleted(UUID streamId) {
        jdbc("Cannot update CDC stream " + streamId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE lakehouse.cdc_streams SET snapshot_completed = true, updated_at = now() WHERE id = ?")) {
                s.setObject(1, streamId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int markCopiesCompleted(UUID streamId, Collection<String> sourceTables) {
        if (sourceTables.isEmpty()) {
            return 0;
        }
        return jdbc("Cannot update the tables of CDC stream " + streamId, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE lakehouse.cdc_stream_tables SET copy_completed_at"
                    + " = now() WHERE stream_id = ? AND source_table = ANY (?) AND copy_requested_at IS NOT NULL"
                    + " AND copy_completed_at IS NULL")) {
                s.setObject(1, streamId);
                s.setArray(2, c.createArrayOf("text", sourceTables.toArray()));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredCdcOffset> offset(String connectorName) {
        return jdbc("Cannot read the CDC offset of " + connectorName, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT offsets::text, version FROM lakehouse.cdc_offsets" + " WHERE connector_name = ?")) {
                s.setString(1, connectorName);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new StoredCdcOffset(r.getString(1), r.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean saveOffset(String connectorName, String offsetJson, long expectedVersion) {
        return jdbc("Cannot write the CDC offset of " + connectorName, c -> {
            if (expectedVersion < 0) {
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO lakehouse.cdc_offsets (connector_name, offsets)"
                                + " VALUES (?, ?::jsonb) ON CONFLICT (connector_name) DO NOTHING")) {
                    s.setString(1, connectorName);
                    s.setString(2, offsetJson);
                    return s.executeUpdate() == 1;
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE lakehouse.cdc_offsets SET offsets = ?::jsonb,"
                    + " updated_at = now(), version = version + 1 WHERE connector_name = ? AND version = ?")) {
                s.setString(1, offsetJson);
                s.setString(2, connectorName);
                s.setLong(3, expectedVersion);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void deleteOffset(String connectorName) {
        jdbc("Cannot delete the CDC offset of " + connectorName, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("DELETE FROM lakehouse.cdc_offsets WHERE connector_name = ?")) {
                s.setString(1, connectorName);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(UUID streamId, String connectorName) {
        deleteOffset(connectorName);
        return jdbc("Cannot delete CDC stream " + streamId, c -> {
            // Its cdc_stream_tables rows go with it (ON DELETE CASCADE).
            try (PreparedStatement s = c.prepareStatement("DELETE FROM lakehouse.cdc_streams WHERE id = ?")) {
                s.setObject(1, streamId);
                return s.executeUpdate() > 0;
            }
        });
    }
}
