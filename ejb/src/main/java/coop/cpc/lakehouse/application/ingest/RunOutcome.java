package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a run's commit did: rows committed, snapshots made, records rejected over the run, the execution that
 * committed and the assets it wrote (a snapshot each, an emptied one included).
 */
public record RunOutcome(long rows, int snapshots, long rejected, long executionId, List<UUID> assets)
        implements AuditedResult {

    public RunOutcome {
        assets = List.copyOf(assets);
    }

    /**
     * For the commit's audit entry (WRITE ingestion_run, the job as its resource id): the assets the run wrote
     * ({@code resourceIds}), the execution, and the counts; never a value.
     */
    @Override
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("executionId", executionId);
        details.put("rowsAdded", rows);
        details.put("snapshots", snapshots);
        details.put("rejected", rejected);
        details.put("resourceIds", assets.stream().map(UUID::toString).toList());
        return details;
    }
}
