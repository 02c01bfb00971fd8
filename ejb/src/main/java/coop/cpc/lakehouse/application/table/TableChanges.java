package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Changes to one asset, in the order they happened: upserted rows and deleted keys, each a row aligned
 * with {@link #columns()} (a delete needs only the key columns' values). What commits is the net effect
 * per key (the last change of a key wins). {@code replaceAll} first removes every row (a truncate, an
 * overwrite).
 *
 * @param relaxedColumns NOT NULL columns of the asset (not of its key) that become nullable with these changes,
 *                       because their source column is gone
 */
public record TableChanges(
        List<Column> columns,
        List<RowChange> changes,
        boolean replaceAll,
        SnapshotOperation operation,
        Set<String> relaxedColumns) {

    public TableChanges {
        columns = List.copyOf(columns);
        changes = List.copyOf(changes);
        Objects.requireNonNull(operation, "operation");
        relaxedColumns = Set.copyOf(relaxedColumns);
    }

    public TableChanges(
            List<Column> columns, List<RowChange> changes, boolean replaceAll, SnapshotOperation operation) {
        this(columns, changes, replaceAll, operation, Set.of());
    }

    /** One change: an upsert of a whole row, or a delete of the row's key. */
    public record RowChange(Kind kind, Object[] values) {
        public enum Kind {
            UPSERT,
            DELETE
        }

        public RowChange {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(values, "values");
        }

        public static RowChange upsert(Object[] values) {
            return new RowChange(Kind.UPSERT, values);
        }

        public static RowChange delete(Object[] values) {
            return new RowChange(Kind.DELETE, values);
        }
    }

    /** Builds the changes of one asset in order. */
    public static Builder of(List<Column> columns) {
        return new Builder(columns);
    }

    public static final class Builder {
        private final List<Column> columns;
        private final List<RowChange> changes = new ArrayList<>();
        private boolean replaceAll;
        private SnapshotOperation operation = SnapshotOperation.CDC;

        private Builder(List<Column> columns) {
            this.columns = List.copyOf(columns);
        }

        public Builder upsert(Object[] row) {
            changes.add(RowChange.upsert(row));
            return this;
        }

        public Builder delete(Object[] row) {
            changes.add(RowChange.delete(row));
            return this;
        }

        /** Removes every row first (a truncate). */
        public Builder replaceAll() {
            this.replaceAll = true;
            return this;
        }

        public Builder operation(SnapshotOperation operation) {
            this.operation = operation;
            return this;
        }

        public TableChanges build() {
            return new TableChanges(columns, changes, replaceAll, operation);
        }
    }
}
