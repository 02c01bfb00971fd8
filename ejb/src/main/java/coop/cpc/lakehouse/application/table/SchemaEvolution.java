package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.columnar.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fits incoming columns to an asset's schema. A column the asset has must come with the same
 * type; a column it lacks is added as nullable (schema evolution); a column the incoming rows lack
 * must be nullable and is written as null, unless the writer relaxes it: a NOT NULL column that is not part of
 * the key becomes nullable (metadata only: the rows stored hold no nulls), as a change stream does when the source
 * column is gone.
 *
 * @param target      the asset's columns after the change, the segment's schema
 * @param added       columns this write adds to the asset
 * @param relaxed     NOT NULL columns this write makes nullable
 * @param sourceIndex for each target column, its index among the incoming columns, or -1
 */
public record SchemaEvolution(AssetSchema target, List<ColumnSpec> added, List<String> relaxed, int[] sourceIndex) {

    public static SchemaEvolution plan(String asset, AssetSchema current, List<Column> incoming)
            throws SchemaMismatchException, InvalidInputException {
        return plan(asset, current, incoming, Set.of());
    }

    /** @param relax the asset's columns the write makes nullable (when NOT NULL); never a key column */
    public static SchemaEvolution plan(String asset, AssetSchema current, List<Column> incoming, Set<String> relax)
            throws SchemaMismatchException, InvalidInputException {
        List<String> relaxed = new ArrayList<>();
        for (String name : relax) {
            ColumnSpec column = current.column(name)
                    .orElseThrow(() -> new SchemaMismatchException(
                            "asset " + asset + " has no column " + name + " to make nullable"));
            if (column.primaryKey()) {
                throw new SchemaMismatchException("column " + name + " of asset " + asset
                        + " is part of the primary key and cannot become nullable");
            }
            if (!column.nullable()) {
                relaxed.add(name);
            }
        }
        List<ColumnSpec> added = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Column column : incoming) {
            if (!seen.add(column.name())) {
                throw new InvalidInputException("the incoming rows name column " + column.name() + " twice");
            }
            ColumnType type = ColumnType.parse(column.name(), column.type().toString());
            var existing = current.column(column.name());
            if (existing.isPresent()) {
                if (!existing.get().type().equals(type)) {
                    throw new SchemaMismatchException("column " + column.name() + " of asset " + asset + " is "
                            + existing.get().type() + "; the incoming rows have " + type
                            + " (type changes are not allowed)");
                }
            } else {
                Names.require("column name", column.name());
                added.add(new ColumnSpec(column.name(), type, true, false, PiiCategory.NONE));
            }
        }
        if (current.columns().size() + added.size() > AssetSchema.MAX_COLUMNS) {
            throw new InvalidInputException(
                    "asset " + asset + " has " + current.columns().size() + " columns and the rows add " + added.size()
                            + "; an asset has at most " + AssetSchema.MAX_COLUMNS);
        }
        AssetSchema target = current.relaxed(relaxed).plus(added);
        int[] sourceIndex = new int[target.columns().size()];
        Arrays.fill(sourceIndex, -1);
        for (int i = 0; i < incoming.size(); i++) {
            sourceIndex[indexOf(target, incoming.get(i).name())] = i;
        }
        for (int t = 0; t < sourceIndex.length; t++) {
            ColumnSpec column = target.columns().get(t);
            if (sourceIndex[t] < 0 && !column.nullable()) {
                throw new SchemaMismatchException("column " + column.name() + " of asset " + asset
                        + " is required (not null) and the incoming rows lack it");
            }
        }
        return new SchemaEvolution(target, List.copyOf(added), List.copyOf(relaxed), sourceIndex);
    }

    private static int indexOf(AssetSchema schema, String name) {
        for (int i = 0; i < schema.columns().size(); i++) {
            if (schema.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("column " + name + " missing from the planned schema");
    }

    /** An incoming row in the target's column order, with nulls for the columns it lacks. */
    public Object[] arrange(Object[] incoming) {
        Object[] row = new Object[sourceIndex.length];
        for (int t = 0; t < sourceIndex.length; t++) {
            row[t] = sourceIndex[t] < 0 ? null : incoming[sourceIndex[t]];
        }
        return row;
    }
}
