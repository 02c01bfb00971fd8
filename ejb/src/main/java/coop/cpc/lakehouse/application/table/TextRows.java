package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows that arrive as text (the GraphQL appendRows, upsertRows and deleteRows mutations): their columns and values checked
 * and parsed strictly, with a message naming the column, row and rule that a value breaks.
 */
public final class TextRows {
    public static final int MAX_ROWS = 10_000;

    private TextRows() {}

    /** @throws InvalidInputException for a missing, badly named, repeated or untyped column, or too many */
    public static List<Column> columns(List<IncomingColumn> columns) throws InvalidInputException {
        if (columns == null || columns.isEmpty()) {
            throw new InvalidInputException("columns must name at least one column");
        }
        if (columns.size() > AssetSchema.MAX_COLUMNS) {
            throw new InvalidInputException(
                    "columns lists " + columns.size() + " columns; an asset has at most " + AssetSchema.MAX_COLUMNS);
        }
        List<Column> parsed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IncomingColumn column : columns) {
            if (column == null) {
                throw new InvalidInputException("columns must not contain null");
            }
            Names.require("column name", column.name());
            if (!seen.add(column.name())) {
                throw new InvalidInputException("columns lists " + column.name() + " twice");
            }
            parsed.add(new Column(
                    column.name(),
                    ColumnType.parse(column.name(), column.type()).toColumnar(),
                    true));
        }
        return parsed;
    }

    /** @throws InvalidInputException for too many or no rows, a row of the wrong width, or a value its column cannot hold exactly */
    static List<Object[]> values(List<Column> columns, List<List<String>> rows) throws InvalidInputException {
        return values(columns, rows, "appendRows");
    }

    /**
     * @param operation the operation the rows came with, for the messages (appendRows, upsertRows, deleteRows): the
     *     rows of deleteRows are its keys, and its messages name a key ({@code key 3} for the third of {@code keys})
     */
    public static List<Object[]> values(List<Column> columns, List<List<String>> rows, String operation)
            throws InvalidInputException {
        boolean keys = operation.equals("deleteRows");
        String item = keys ? "key" : "row";
        if (rows == null || rows.isEmpty()) {
            throw new InvalidInputException("no " + item + "s for " + operation);
        }
        if (rows.size() > MAX_ROWS) {
            throw new InvalidInputException(
                    "at most " + MAX_ROWS + " " + item + "s per " + operation + ", not " + rows.size());
        }
        List<Object[]> parsed = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row == null || row.size() != columns.size()) {
                throw new InvalidInputException(item + " " + (r + 1) + " has " + (row == null ? 0 : row.size())
                        + " values for " + columns.size() + (keys ? " key columns" : " columns"));
            }
            Object[] values = new Object[columns.size()];
            for (int c = 0; c < values.length; c++) {
                String text = row.get(c);
                try {
                    values[c] =
                            text == null ? null : Values.parse(columns.get(c).type(), text);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(
                            item + " " + (r + 1) + ", column " + columns.get(c).name() + ": " + e.getMessage());
                }
            }
            parsed.add(values);
        }
        return parsed;
    }
}
