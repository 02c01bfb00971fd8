package coop.cpc.lakehouse.catalog.cdc;

import java.util.UUID;

/**
 * A row of cdc_stream_tables: a captured source table ({@code schema.table}), its asset and key.
 *
 * @param keyColumnsJson a JSON array of the key's column names
 */
public record CdcStreamTableRow(String sourceTable, UUID assetId, String keyColumnsJson) {}
