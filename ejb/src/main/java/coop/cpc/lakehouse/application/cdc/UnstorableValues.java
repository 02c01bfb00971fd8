package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.columnar.Column;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What a stream does with a source value its asset cannot hold ({@link UnstorableValueException}). The
 * PostgreSQL table source rejects such a row; a stream cannot skip a change without losing it, so a nullable
 * column stores null and the server log says which table and column lost a value (naming the key's columns, not
 * its values, which may be personal data), and a column that cannot be null
 * stops the stream ({@link UnstorableValueFailure}).
 */
final class UnstorableValues {
    private static final Logger LOG = Logger.getLogger(UnstorableValues.class.getName());

    private final String source;
    private final CdcTable table;
    private final Set<String> nullable = new HashSet<>();

    /**
     * @param stream  the stream's name, or null for an initial snapshot's chunk
     * @param columns the asset's columns the changes are mapped to
     */
    UnstorableValues(String stream, CdcTable table, List<Column> columns) {
        this.source = stream == null ? "initial snapshot" : "CDC stream " + stream;
        this.table = table;
        columns.stream().filter(Column::nullable).forEach(c -> nullable.add(c.name()));
    }

    /**
     * @return null, the value a nullable column stores instead (logged as a warning with the key's column names,
     *     not the row's key values)
     * @throws UnstorableValueFailure when the column cannot be null
     */
    Object replace(String column, UnstorableValueException reason) {
        if (!nullable.contains(column)) {
            throw new UnstorableValueFailure(source, table.sourceTable(), column, reason);
        }
        LOG.warning(source + ", table " + table.sourceTable() + ", a row (key columns "
                + String.join(", ", table.keyColumns()) + "), column " + column + ": " + reason.getMessage()
                + "; stored as null");
        return null;
    }
}
