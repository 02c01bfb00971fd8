package coop.cpc.lakehouse.application.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a commit re-checks of the segments it names against the schema it commits: rows staged before the asset's
 * schema changed (which {@code updateAsset} may do freely while the asset holds no snapshot) must still fit it. Read
 * from each segment's column statistics (the columns it stores, in order, with their type and null count), so no
 * file is opened. A data segment must store no column the schema lacks, each in the schema's type, and every NOT
 * NULL column without nulls; a delete segment must store exactly the primary key's columns, in the key's order.
 * A segment staged before the statistics recorded types (an ingestion run staged by an older version) has its
 * types taken on trust, and one without statistics is not checked.
 */
final class StagedSegmentColumns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAGE_AGAIN = " (the asset's schema changed after they were staged): stage them again";

    private StagedSegmentColumns() {}

    static void requireFit(String asset, AssetSchema schema, List<StagedSegment> data, List<StagedSegment> deletes)
            throws SchemaMismatchException {
        for (StagedSegment segment : data) {
            if (segment.columnStatisticsJson() == null) {
                continue;
            }
            Map<String, JsonNode> stored = stored(segment);
            requireTypes(asset, schema, segment, stored);
            for (ColumnSpec column : schema.columns()) {
                JsonNode statistics = stored.get(column.name());
                if (!column.nullable()
                        && (statistics == null || statistics.path("nullCount").asLong() > 0)) {
                    throw new SchemaMismatchException("column " + column.name() + " of asset " + asset
                            + " is not null, but rows of segment " + segment.path() + " "
                            + (statistics == null ? "lack it" : "hold nulls in it") + STAGE_AGAIN);
                }
            }
        }
        for (StagedSegment segment : deletes) {
            if (segment.columnStatisticsJson() == null) {
                continue;
            }
            Map<String, JsonNode> stored = stored(segment);
            List<String> key = new ArrayList<>(stored.keySet());
            if (!key.equals(schema.primaryKey())) {
                throw new SchemaMismatchException("the primary key of asset " + asset + " is ("
                        + String.join(", ", schema.primaryKey()) + "), but the keys to delete of segment "
                        + segment.path() + " are (" + String.join(", ", key) + ")" + STAGE_AGAIN);
            }
            requireTypes(asset, schema, segment, stored);
        }
    }

    private static void requireTypes(
            String asset, AssetSchema schema, StagedSegment segment, Map<String, JsonNode> stored)
            throws SchemaMismatchException {
        for (Map.Entry<String, JsonNode> entry : stored.entrySet()) {
            ColumnSpec column = schema.column(entry.getKey()).orElse(null);
            if (column == null) {
                throw new SchemaMismatchException("asset " + asset + " has no column " + entry.getKey()
                        + ", but rows of segment " + segment.path() + " store it" + STAGE_AGAIN);
            }
            JsonNode type = entry.getValue().get("type");
            if (type != null && !type.asText().equals(column.type().toColumnar().toString())) {
                throw new SchemaMismatchException("column " + column.name() + " of asset " + asset + " is "
                        + column.type() + ", but rows of segment " + segment.path() + " store it as "
                        + type.asText() + STAGE_AGAIN);
            }
        }
    }

    /** The segment's columns, in the order it stores them, with their statistics. */
    private static Map<String, JsonNode> stored(StagedSegment segment) {
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        try {
            JsonNode statistics = JSON.readTree(segment.columnStatisticsJson());
            for (Iterator<Map.Entry<String, JsonNode>> it = statistics.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                columns.put(entry.getKey(), entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the column statistics of segment " + segment.path() + " are not JSON", e);
        }
        return columns;
    }
}
