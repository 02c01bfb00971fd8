package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.table.SchemaEvolution;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SchemaException;
import coop.cpc.lakehouse.columnar.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Writes one asset's changes as segment files: the net effect per primary key (the last change of a key
 * wins) as a data segment of the upserted rows and a delete segment of the deleted keys; an asset
 * without a primary key takes appends only. Nothing is committed here; files of a failed staging are deleted.
 */
public final class ChangeStager {
    /** Rows (or keys) of one segment file at most; a larger change is split. */
    public static final int MAX_ROWS_PER_SEGMENT = 1_048_576;

    private static final Logger LOG = Logger.getLogger(ChangeStager.class.getName());

    private final SegmentFiles files;

    public ChangeStager(SegmentFiles files) {
        this.files = files;
    }

    public StagedChanges stage(DataAsset asset, TableChanges changes)
            throws InvalidInputException, SchemaMismatchException {
        String name = asset.getNamespace() + "." + asset.getName();
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        List<Column> keyColumns = DefaultTableService.keyColumns(schema);
        boolean upserts = changes.changes().stream().anyMatch(c -> c.kind() == TableChanges.RowChange.Kind.UPSERT);
        boolean deletes = changes.changes().stream().anyMatch(c -> c.kind() == TableChanges.RowChange.Kind.DELETE);
        if (keyColumns.isEmpty() && deletes) {
            throw new InvalidInputException("asset " + name + " has no primary key, so rows cannot be deleted by key");
        }
        // Deletes need the key columns only; upserts are fitted to the schema (and may add columns).
        SchemaEvolution plan =
                upserts ? SchemaEvolution.plan(name, schema, changes.columns(), changes.relaxedColumns()) : null;
        // No upserts (deletes only, or an empty truncate): no data segment, so no target schema is needed.
        Schema target = plan != null ? plan.target().toColumnar() : null;
        int[] keyAt = RowKey.positions(keyColumns, target == null ? List.of() : target.columns());
        int[] keyInIncoming = RowKey.positions(keyColumns, changes.columns());
        for (int k = 0; k < keyInIncoming.length; k++) {
            if (deletes && keyInIncoming[k] < 0) {
                throw new InvalidInputException("the changes of " + name + " lack key column "
                        + keyColumns.get(k).name());
            }
        }
        // The net effect per key, in first-seen order; without a key every row is its own.
        // Sized for every change up front: a backlog's commit of 16,384 changes would otherwise rehash the map ten
        // times.
        Map<Object, Object[]> upserted =
                upserts ? new LinkedHashMap<>(capacityFor(changes.changes().size())) : new LinkedHashMap<>();
        Map<Object, Object[]> deleted = new LinkedHashMap<>();
        int width = changes.columns().size();
        int position = 0;
        for (TableChanges.RowChange change : changes.changes()) {
            position++;
            if (change.values().length != width) {
                throw new InvalidInputException(
                        "change " + position + " has " + change.values().length + " values for " + width + " columns");
            }
            if (change.kind() == TableChanges.RowChange.Kind.DELETE) {
                Object[] keyRow = new Object[keyColumns.size()];
                for (int k = 0; k < keyRow.length; k++) {
                    keyRow[k] = change.values()[keyInIncoming[k]];
                }
                normalize(name, new Schema(keyColumns), keyRow, position);
                Object key = RowKey.of(keyColumns, keyRow, identity(keyRow.length));
                upserted.remove(key);
                deleted.put(key, keyRow);
                continue;
            }
            Object[] row = normalize(name, target, plan.arrange(change.values()), position);
            if (keyColumns.isEmpty()) {
                upserted.put("#" + position, row);
                continue;
            }
            Object key = RowKey.of(keyColumns, row, keyAt);
            // An upsert hides every older version by its sequence: no delete of the key is needed.
            if (!deleted.isEmpty()) {
                deleted.remove(key);
            }
            if (upserted.put(key, row) != null) {
                // A key changed again goes to the end, where the last change of it stands (one look-up when new).
                upserted.remove(key);
                upserted.put(key, row);
            }
        }
        List<StagedSegment> data = new ArrayList<>();
        List<StagedSegment> deleteSegments = new ArrayList<>();
        boolean kept = false;
        try {
            write(asset, "data", target, new ArrayList<>(upserted.values()), data);
            if (!deleted.isEmpty()) {
                write(asset, "deletes", new Schema(keyColumns), new ArrayList<>(deleted.values()), deleteSegments);
            }
            kept = true;
        } finally {
            if (!kept) {
                discard(data);
                discard(deleteSegments);
            }
        }
        return new StagedChanges(
                asset.getId(),
                changes.operation(),
                changes.replaceAll(),
                plan == null ? List.of() : plan.added(),
                data,
                deleteSegments,
                asset.getCurrentSnapshotId(),
                plan == null ? List.of() : plan.relaxed());
    }

    /** A hash map's initial capacity that holds {@code entries} without growing (its load factor is 0.75). */
    static int capacityFor(int entries) {
        return (int) Math.min(1L << 30, entries + entries / 3L + 1);
    }

    private static int[] identity(int n) {
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        return positions;
    }

    private static Object[] normalize(String asset, Schema target, Object[] row, int position)
            throws InvalidInputException {
        for (int c = 0; c < row.length; c++) {
            try {
                row[c] = Values.normalize(target.column(c), row[c]);
            } catch (SchemaException | ClassCastException e) {
                throw new InvalidInputException("change " + position + " does not fit column "
                        + target.column(c).name() + " of " + asset
                        + (e instanceof SchemaException ? ": " + e.getMessage() : ""));
            }
        }
        return row;
    }

    /** @throws StorageNotOwnedException when the segment folder is another catalog's (nothing is written) */
    private void write(DataAsset asset, String folder, Schema schema, List<Object[]> rows, List<StagedSegment> out)
            throws StorageNotOwnedException {
        // Data segments are sorted in the asset's sort order; a delete segment's keys need no order. No rows (a
        // commit of deletes only) have no target schema, and nothing is written.
        SortOrder order = folder.equals("data") && !rows.isEmpty()
                ? SortOrder.of(schema, asset.getSortOrder())
                : SortOrder.none();
        try {
            for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_SEGMENT) {
                // Every row was normalized for this schema above: the writer need not do it again.
                out.add(files.writeNormalized(
                        asset.getNamespace(),
                        asset.getName(),
                        folder,
                        schema,
                        rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_SEGMENT)),
                        order));
            }
        } catch (SegmentFolderRefusedException e) {
            throw new StorageNotOwnedException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write a segment of " + asset.getNamespace() + "." + asset.getName(), e);
        }
    }

    public void discard(List<StagedSegment> staged) {
        for (StagedSegment segment : staged) {
            try {
                files.delete(segment);
            } catch (IOException e) {
                LOG.warning(() -> "Cannot delete the uncommitted segment " + segment.path() + ": " + e.getMessage()
                        + " (orphan cleanup will)");
            }
        }
    }
}
