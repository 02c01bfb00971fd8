package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.CommitWorkException;
import coop.cpc.lakehouse.application.table.ResponseTooLargeException;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Applies whole source transactions to their assets through the table service: each asset's
 * changes (upserts and deletes by key, a TRUNCATE as replace-all; TOAST placeholders take the
 * stored value; new source columns join as nullable) are staged as segment files, then ONE catalog
 * transaction commits every asset's snapshot AND the stream's offset (compare-and-set on its
 * version). Staged files of a commit that fails are discarded. Runs outside a transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CdcApplier {
    /** Bytes a TOAST look-up of one stored row may read. */
    static final long LOOKUP_MAX_BYTES = 64L << 20;

    @EJB
    TableService tables;

    @EJB
    CdcCatalog catalog;

    @Inject
    AssetRepository assets;

    /** The offset moved under the stream (another engine of the same stream): nothing was committed. */
    static final class OffsetMovedException extends Exception {
        private static final long serialVersionUID = 1L;

        OffsetMovedException(String message) {
            super(message);
        }
    }

    /**
     * @param changes whole source transactions (or the whole initial snapshot), in source order
     * @param offset  Debezium's source offset after the last of them
     * @param snapshot whether the changes are the initial snapshot (committed as replace-all)
     */
    public void apply(CdcStream stream, List<SourceChange> changes, Map<String, ?> offset, boolean snapshot)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException {
        Map<CdcTable, List<SourceChange>> byTable = new LinkedHashMap<>();
        for (SourceChange change : changes) {
            stream.table(change.sourceTable())
                    .ifPresent(t ->
                            byTable.computeIfAbsent(t, k -> new ArrayList<>()).add(change));
        }
        if (snapshot) {
            // Every table of an initial snapshot is replaced, an empty one too: a copy that restarts starts clean.
            stream.tables().forEach(t -> byTable.computeIfAbsent(t, k -> new ArrayList<>()));
        }
        long offsetVersion = catalog.offset(stream.connectorName())
                .map(CdcCatalog.StoredOffset::version)
                .orElse(-1L);
        List<StagedChanges> staged = new ArrayList<>();
        boolean committed = false;
        try {
            for (var entry : byTable.entrySet()) {
                TableChanges tableChanges = changes(entry.getKey(), entry.getValue(), snapshot);
                if (tableChanges != null) {
                    staged.add(tables.stage(entry.getKey().assetId(), tableChanges));
                }
            }
            if (staged.isEmpty()) {
                catalog.commitOffset(stream.connectorName(), offset, offsetVersion);
                committed = true;
                return;
            }
            tables.commit(
                    staged,
                    results -> {
                        if (!catalog.saveOffset(stream.connectorName(), offset, offsetVersion)) {
                            throw new OffsetMovedException(
                                    "the offset of CDC stream " + stream.name() + " was moved by another writer");
                        }
                        if (snapshot) {
                            catalog.markSnapshotCompleted(stream.id());
                        }
                        return null;
                    },
                    null,
                    null);
            committed = true;
        } finally {
            if (!committed && !staged.isEmpty()) {
                tables.discard(staged);
            }
        }
    }

    /** One table's changes as the table service takes them; null when there is nothing to write. */
    private TableChanges changes(CdcTable table, List<SourceChange> changes, boolean snapshot)
            throws UnknownAssetException, InvalidInputException {
        DataAsset asset =
                assets.find(table.assetId()).orElseThrow(() -> new UnknownAssetException("with id " + table.assetId()));
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        Map<String, ColumnType> types = new HashMap<>();
        List<Column> columns = new ArrayList<>();
        for (ColumnSpec spec : schema.columns()) {
            types.put(spec.name(), spec.type());
            columns.add(new Column(spec.name(), spec.type().toColumnar(), spec.nullable()));
        }
        for (SourceChange change : changes) {
            Struct row = change.after() != null ? change.after() : change.before();
            if (row == null) {
                continue;
            }
            for (Field field : row.schema().fields()) {
                if (!types.containsKey(field.name())) {
                    ColumnType type = ChangeValues.typeOf(field.schema());
                    types.put(field.name(), type);
                    columns.add(new Column(field.name(), type.toColumnar(), true));
                }
            }
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            position.put(columns.get(i).name(), i);
        }
        List<TableChanges.RowChange> out = new ArrayList<>();
        Map<List<Object>, Object[]> latest = new HashMap<>();
        boolean replaceAll = snapshot;
        boolean emptied = snapshot;
        for (SourceChange change : changes) {
            switch (change.kind()) {
                case TRUNCATE -> {
                    out.clear();
                    latest.clear();
                    replaceAll = true;
                    emptied = true;
                }
                case DELETE -> {
                    Object[] values = values(change.before(), columns, position, types);
                    out.add(TableChanges.RowChange.delete(values));
                    latest.put(key(values, table, position), null);
                }
                case UPSERT -> {
                    Object[] values = values(change.after(), columns, position, types);
                    List<Object> key = key(values, table, position);
                    if (change.before() != null && !hasUnavailable(change.before())) {
                        Object[] old = values(change.before(), columns, position, types);
                        if (!key(old, table, position).equals(key)) {
                            out.add(TableChanges.RowChange.delete(old));
                            latest.put(key(old, table, position), null);
                        }
                    }
                    if (hasUnavailable(change.after())) {
                        Object[] stored = latest.containsKey(key)
                                ? latest.get(key)
                                : emptied ? null : stored(table, columns, values, position);
                        for (Field field : change.after().schema().fields()) {
                            if (ChangeValues.isUnavailable(change.after().get(field))) {
                                int at = position.get(field.name());
                                values[at] = stored == null ? null : stored[at];
                            }
                        }
                    }
                    out.add(TableChanges.RowChange.upsert(values));
                    latest.put(key, values);
                }
                default -> throw new IllegalStateException("unknown change kind " + change.kind());
            }
        }
        if (out.isEmpty() && !replaceAll) {
            return null;
        }
        return new TableChanges(
                columns, out, replaceAll, snapshot ? SnapshotOperation.OVERWRITE : SnapshotOperation.CDC);
    }

    /** The row the asset holds for the key of {@code values} (for a TOASTed value an update left alone). */
    private Object[] stored(CdcTable table, List<Column> columns, Object[] values, Map<String, Integer> position)
            throws UnknownAssetException, InvalidInputException {
        List<RowPredicate> where = new ArrayList<>();
        for (String key : table.keyColumns()) {
            int at = position.get(key);
            Object value = values[at];
            where.add(
                    value == null
                            ? new RowPredicate(key, RowPredicate.Operator.IS_NULL, List.of())
                            : new RowPredicate(
                                    key,
                                    RowPredicate.Operator.EQ,
                                    List.of(Values.format(columns.get(at).type(), value))));
        }
        RowPage page;
        try {
            page = tables.rows(table.assetId(), List.of(), where, 1, null, null, LOOKUP_MAX_BYTES);
        } catch (ResponseTooLargeException | SnapshotExpiredException e) {
            throw new IllegalStateException("Cannot read the stored row of a TOASTed value: " + e.getMessage(), e);
        }
        if (page.rows().isEmpty()) {
            return null;
        }
        Object[] found = page.rows().get(0);
        Object[] aligned = new Object[columns.size()];
        for (int i = 0; i < page.columns().size(); i++) {
            Integer at = position.get(page.columns().get(i).name());
            if (at != null) {
                aligned[at] = found[i];
            }
        }
        return aligned;
    }

    private static Object[] values(
            Struct struct, List<Column> columns, Map<String, Integer> position, Map<String, ColumnType> types) {
        Object[] values = new Object[columns.size()];
        for (Field field : struct.schema().fields()) {
            Integer at = position.get(field.name());
            Object value = struct.get(field);
            values[at] = ChangeValues.isUnavailable(value)
                    ? null
                    : ChangeValues.convert(field.schema(), value, types.get(field.name()));
        }
        return values;
    }

    private static List<Object> key(Object[] values, CdcTable table, Map<String, Integer> position) {
        List<Object> key = new ArrayList<>(table.keyColumns().size());
        for (String column : table.keyColumns()) {
            Object value = values[position.get(column)];
            key.add(value instanceof byte[] b ? ByteBuffer.wrap(b) : value);
        }
        return key;
    }

    private static boolean hasUnavailable(Struct struct) {
        return struct.schema().fields().stream().anyMatch(f -> ChangeValues.isUnavailable(struct.get(f)));
    }
}
