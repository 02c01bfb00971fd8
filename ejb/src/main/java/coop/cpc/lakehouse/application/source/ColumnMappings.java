package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import java.util.List;

/** The column mappings readers report for lineage. */
public final class ColumnMappings {

    private ColumnMappings() {}

    /** Each column from the source field of the same name. */
    public static List<ColumnMapping> identity(List<Column> columns) {
        return columns.stream()
                .map(column -> new ColumnMapping(column.name(), column.name(), ColumnMapping.Derivation.IDENTITY))
                .toList();
    }
}
