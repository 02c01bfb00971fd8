package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a commit of several assets produced: one result per asset (in the order given) and the caller's work's result. */
public record MultiCommitResult<T>(List<CommitResult> results, T workResult) implements AuditedResult {

    public MultiCommitResult {
        results = List.copyOf(results);
    }

    /** The rows and snapshots committed, and what the caller's work says of itself (e.g. a CDC offset). */
    @Override
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("snapshots", results.size());
        details.put(
                "rowsAdded", results.stream().mapToLong(CommitResult::rowsAdded).sum());
        if (workResult instanceof AuditedResult work) {
            details.putAll(work.auditDetails());
        }
        return details;
    }
}
