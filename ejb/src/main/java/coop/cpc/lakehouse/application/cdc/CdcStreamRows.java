package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.Map;
import java.util.UUID;

/**
 * The row counts of one stream's tables' assets, read in one audited call for the stream a mutation returns.
 *
 * @param streamId the stream, the audit entry's resource id
 * @param assetRows the row count of each table's asset, by asset id; an asset deleted since has none
 */
public record CdcStreamRows(UUID streamId, Map<UUID, Long> assetRows) implements AuditedResult {

    public CdcStreamRows {
        assetRows = Map.copyOf(assetRows);
    }

    /** The rows of a table's asset: 0 when the asset is gone (deleted while its stream stays). */
    public long rows(UUID assetId) {
        return assetRows.getOrDefault(assetId, 0L);
    }

    /** The assets whose counts were read, by id (the entry lists at most 100), as one audited read per asset did. */
    @Override
    public Map<String, Object> auditDetails() {
        return Map.of(
                "resourceIds",
                assetRows.keySet().stream().map(UUID::toString).sorted().toList());
    }

    @Override
    public String auditResourceId() {
        return streamId.toString();
    }
}
