package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of the {@code cdcStreams} listing: the streams, whether more follow, and the row counts of their tables'
 * assets, all read in one audited call.
 *
 * @param assetRows the row count of each table's asset, by asset id; an asset deleted since has none
 */
public record CdcStreamPage(List<CdcStream> streams, boolean hasNextPage, Map<UUID, Long> assetRows)
        implements AuditedResult {

    public CdcStreamPage {
        streams = List.copyOf(streams);
        assetRows = Map.copyOf(assetRows);
    }

    /** The rows of a table's asset: 0 when the asset is gone (deleted while its stream stays). */
    public long rows(UUID assetId) {
        return assetRows.getOrDefault(assetId, 0L);
    }

    @Override
    public Map<String, Object> auditDetails() {
        return Map.of("resultCount", streams.size());
    }
}
