package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Applies whole source transactions to their assets: for each asset the changes touch, its rows
 * by key with the changes applied (upsert, delete, truncate; TOAST placeholders keep the stored
 * value; new source columns join as nullable) are written as segment files, then {@link CdcCommit}
 * records them and the offset in ONE transaction. Files of an attempt that does not commit are
 * deleted; a conflict computes again from the new snapshot. Runs outside a transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CdcApplier {
    static final int MAX_ATTEMPTS = 8;
    private static final Logger LOG = Logger.getLogger(CdcApplier.class.getName());

    @EJB
    TableCommits tables;

    @EJB
    CdcCommit commit;

    @EJB
    CdcCatalog catalog;

    @Inject
    SegmentFiles files;

    @Inject
    SegmentRepository segments;

    /**
     * @param changes whole source transactions (or the whole initial snapshot), in source order
     * @param offset  Debezium's source offset after the last of them
     */
    public void apply(CdcStream stream, List<SourceChange> changes, Map<String, ?> offset, boolean snapshotCompleted)
            throws UnknownAssetException, SchemaMismatchException {
        Map<CdcTable, List<SourceChange>> byTable = new LinkedHashMap<>();
        for (SourceChange change : changes) {
            stream.table(change.sourceTable()).ifPresent(t -> byTable.computeIfAbsent(t, k -> new ArrayList<>()).add(change));
        }
        for (int attempt = 1; ; attempt++) {
            long offsetVersion = catalog.offset(stream.connectorName()).map(CdcCatalog.StoredOffset::version).orElse(-1L);
            List<CdcCommit.AssetWrite> writes = new ArrayList<>();
            boolean committed = false;
            try {
                for (var entry : byTable.entrySet()) {
                    writes.add(write(entry.getKey(), entry.getValue()));
                }
                commit.commit(stream.id(), stream.connectorName(), writes, offset, offsetVersion, snapshotCompleted);
                committed = true;
                return;
            } catch (CdcCommit.Conflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("CDC stream " + stream.name() + ": " + e.getMessage());
                }
                LOG.fine(() -> e.getMessage() + "; computing again");
            } finally {
                if (!committed) {
                    writes.forEach(w -> w.staged().forEach(this::discard));
                }
            }
        }
    }

    private CdcCommit.AssetWrite write(CdcTable table, List<SourceChange> changes) throws UnknownAssetException {
        DataAsset asset = tables.current(table.assetId());
        UUID snapshot = asset.getCurrentSnapshotId();
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        Map<List<Object>, Map<String, Object>> rows = read(asset, schema, snapshot, table.keyColumns());
        List<ColumnSpec> added = new ArrayList<>();
        Map<String, ColumnType> types = new HashMap<>();
        schema.columns().forEach(c -> types.put(c.name(), c.type()));
        for (SourceChange change : changes) {
            switch (change.kind()) {
                case TRUNCATE -> rows.clear();
                case DELETE -> rows.remove(key(change.before(), table.keyColumns(), types));
                case UPSERT -> {
                    Struct after = change.after();
                    for (Field field : after.schema().fields()) {
                        if (!types.containsKey(field.name())) {
                            ColumnSpec column = new ColumnSpec(field.name(), ChangeValues.typeOf(field.schema()), true, false,
                                    PiiCategory.NONE);
                            added.add(column);
                            types.put(column.name(), column.type());
                        }
                    }
                    if (change.before() != null) {
                        // A key change: the row under the old key goes (Debezium sends the old key's delete too).
                        List<Object> oldKey = key(change.before(), table.keyColumns(), types);
                        List<Object> newKey = key(after, table.keyColumns(), types);
                        if (!oldKey.equals(newKey) && !hasUnavailable(change.before())) {
                            rows.remove(oldKey);
                        }
                    }
                    List<Object> key = key(after, table.keyColumns(), types);
                    Map<String, Object> previous = rows.get(key);
                    Map<String, Object> row = new HashMap<>();
                    for (Field field : after.schema().fields()) {
                        Object value = after.get(field);
                        if (ChangeValues.isUnavailable(value)) {
                            // TOASTed and unchanged: keep what the lakehouse holds.
                            row.put(field.name(), previous == null ? null : previous.get(field.name()));
                        } else {
                            row.put(field.name(), ChangeValues.convert(field.schema(), value, types.get(field.name())));
                        }
                    }
                    rows.put(key, row);
                }
                default -> throw new IllegalStateException("unknown change kind " + change.kind());
            }
        }
        AssetSchema target = schema.plus(added);
        List<Column> columns = target.toColumnar().columns();
        List<Object[]> arranged = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows.values()) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(columns.get(i).name());
            }
            arranged.add(values);
        }
        List<StagedSegment> staged = new ArrayList<>();
        if (!arranged.isEmpty()) {
            try {
                staged.add(files.write(asset.getNamespace(), asset.getName(), target.toColumnar(), arranged));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a segment of " + asset.getNamespace() + "." + asset.getName(), e);
            }
        }
        return new CdcCommit.AssetWrite(asset.getId(), snapshot, added, staged);
    }

    private static boolean hasUnavailable(Struct struct) {
        return struct.schema().fields().stream().anyMatch(f -> ChangeValues.isUnavailable(struct.get(f)));
    }

    /** The asset's rows at the snapshot, by key, in a stable order. */
    private Map<List<Object>, Map<String, Object>> read(DataAsset asset, AssetSchema schema, UUID snapshot,
            List<String> keyColumns) {
        Map<List<Object>, Map<String, Object>> rows = new LinkedHashMap<>();
        if (snapshot == null) {
            return rows;
        }
        List<Column> columns = schema.toColumnar().columns();
        for (WebmSegment segment : segments.findLiveAt(asset.getId(), snapshot)) {
            try {
                for (Object[] values : SegmentScan.rows(files.resolve(segment.getPath()), columns, List.of())) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i).name(), values[i]);
                    }
                    List<Object> key = new ArrayList<>(keyColumns.size());
                    keyColumns.forEach(k -> key.add(comparable(row.get(k))));
                    rows.put(key, row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
            }
        }
        return rows;
    }

    private static List<Object> key(Struct struct, List<String> keyColumns, Map<String, ColumnType> types) {
        List<Object> key = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            Field field = struct.schema().field(column);
            key.add(field == null ? null : comparable(ChangeValues.convert(field.schema(), struct.get(field), types.get(column))));
        }
        return key;
    }

    /** Byte arrays compare by identity; a key holds them as buffers, which compare by content. */
    private static Object comparable(Object value) {
        return value instanceof byte[] b ? ByteBuffer.wrap(b) : value;
    }

    private void discard(StagedSegment segment) {
        try {
            files.delete(segment);
        } catch (IOException e) {
            LOG.warning(() -> "Cannot delete the uncommitted segment " + segment.path() + ": " + e.getMessage()
                    + " (orphan cleanup will)");
        }
    }
}
