package coop.cpc.lakehouse.catalog.cdc;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of cdc_stream_tables: a captured source table ({@code schema.table}), its asset and key, and the copy
 * of its existing rows when it was added to a running stream.
 *
 * @param keyColumnsJson   a JSON array of the key's column names
 * @param copyRequestedAt  when the table was added by an update (its rows are to be copied); null for a table the
 *                         stream was created with
 * @param copyCompletedAt  when the copy committed; null while it is pending (or when none was requested)
 */
public record CdcStreamTableRow(
        String sourceTable, UUID assetId, String keyColumnsJson, Instant copyRequestedAt, Instant copyCompletedAt) {

    /** A table the stream was created with: no copy of its own. */
    public CdcStreamTableRow(String sourceTable, UUID assetId, String keyColumnsJson) {
        this(sourceTable, assetId, keyColumnsJson, null, null);
    }
}
