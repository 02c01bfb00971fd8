package coop.cpc.lakehouse.application.job;

import java.util.List;

/**
 * One page of {@link IngestionJobService#searchExecutions}.
 *
 * @param resumeAfter the last execution id the page examined: the next page starts below it (null when none was)
 */
public record ExecutionPage(List<JobRun> items, boolean hasNextPage, Long resumeAfter) {

    public ExecutionPage {
        items = List.copyOf(items);
    }
}
