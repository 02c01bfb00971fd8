package coop.cpc.lakehouse.application.ingest.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import coop.cpc.lakehouse.ingest.record.MappingReport;
import java.util.List;

/** Lineage column mappings as JSON: [{"column", "sourceField", "derivation"}]. */
final class ColumnMappings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColumnMappings() {
    }

    /** Each column from the source field of the same name. */
    static ArrayNode identity(List<Column> columns) {
        ArrayNode array = JSON.createArrayNode();
        for (Column column : columns) {
            array.addObject().put("column", column.name()).put("sourceField", column.name())
                    .put("derivation", ColumnMapping.Derivation.IDENTITY.name());
        }
        return array;
    }

    /** What a record converter observed (JSON pointers for flattened fields). */
    static ArrayNode of(MappingReport report) {
        ArrayNode array = JSON.createArrayNode();
        for (ColumnMapping mapping : report.mappings()) {
            array.addObject().put("column", mapping.column()).put("sourceField", mapping.sourceField())
                    .put("derivation", mapping.derivation().name());
        }
        return array;
    }
}
