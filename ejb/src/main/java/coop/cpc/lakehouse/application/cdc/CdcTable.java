package coop.cpc.lakehouse.application.cdc;

import java.util.List;
import java.util.UUID;

/** One captured table of a stream: the source table ({@code schema.table}), its asset and key columns. */
public record CdcTable(String sourceTable, UUID assetId, List<String> keyColumns) {
    public CdcTable {
        keyColumns = List.copyOf(keyColumns);
    }
}
