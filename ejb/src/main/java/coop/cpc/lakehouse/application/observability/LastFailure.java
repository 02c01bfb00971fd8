package coop.cpc.lakehouse.application.observability;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.Map;

/**
 * The last run that failed since the server started: its execution, and in words which job it ran, when it ended
 * and its exit status (which may quote what the run read).
 */
public record LastFailure(long executionId, String text) implements AuditedResult {

    /** The read names the execution whose exit status it showed. */
    @Override
    public Map<String, Object> auditDetails() {
        return Map.of("executionId", executionId);
    }

    @Override
    public String auditResourceId() {
        return Long.toString(executionId);
    }
}
