package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import coop.cpc.lakehouse.application.table.CommitResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An adapter import: the asset it appended to (created by the first import) and the commit. Its audit entry names
 * the asset as the resource.
 */
public record ImportResult(UUID assetId, CommitResult commit) implements AuditedResult {

    @Override
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resourceIds", List.of(assetId.toString()));
        details.put("snapshotId", commit.snapshotId().toString());
        details.put("rowsAdded", commit.rowsAdded());
        return details;
    }

    @Override
    public String auditResourceId() {
        return assetId.toString();
    }
}
