package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.List;
import java.util.Map;

/**
 * One page of {@link IngestionJobService#searchExecutions}.
 *
 * @param resumeAfter the last execution id the page examined: the next page starts below it (null when none was)
 */
public record ExecutionPage(List<JobRun> items, boolean hasNextPage, Long resumeAfter) implements AuditedResult {

    public ExecutionPage {
        items = List.copyOf(items);
    }

    /** How many runs the page held: a search over runs is a read, counted as a page of assets or jobs is. */
    @Override
    public Map<String, Object> auditDetails() {
        return Map.of("resultCount", items.size());
    }
}
