package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.catalog.job.IngestionJob;
import java.util.List;

/** One page of ingestion jobs in (created_at, id) order, and whether more follow. */
public record IngestionJobPage(List<IngestionJob> jobs, boolean hasNextPage) {

    public IngestionJobPage {
        jobs = List.copyOf(jobs);
    }
}
