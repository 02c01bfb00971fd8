package coop.cpc.lakehouse.application.cdc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One captured table of a stream: the source table ({@code schema.table}), its asset and key columns, and for a
 * table added to a running stream the copy of the rows it held then ({@link TableCopies}).
 *
 * @param copyRequestedAt when {@code updateCdcStream} added the table (null: the stream was created with it)
 * @param copyCompletedAt when its copy committed (null while pending, or when none was requested)
 */
public record CdcTable(
        String sourceTable, UUID assetId, List<String> keyColumns, Instant copyRequestedAt, Instant copyCompletedAt) {
    public CdcTable {
        keyColumns = List.copyOf(keyColumns);
    }

    /** A table the stream was created with. */
    public CdcTable(String sourceTable, UUID assetId, List<String> keyColumns) {
        this(sourceTable, assetId, keyColumns, null, null);
    }

    /** Whether the rows the table held when it was added are still to be copied. */
    public boolean copyPending() {
        return copyRequestedAt != null && copyCompletedAt == null;
    }
}
