package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which runs and jobs the catalog no longer has, asked in a transaction of its own: after a deletion's commit (which
 * the transaction manager may report for one PostgreSQL rolled back) and by the cleanup of the rejects files no run
 * is left for ({@link OrphanRejectsCleanup}).
 */
@Stateless
public class UnknownRuns {
    @Inject
    IngestionRunRepository runs;

    @Inject
    IngestionJobRepository jobs;

    /** For the container. */
    public UnknownRuns() {}

    /** Outside a container (tests): repositories that run each query on their own. */
    public UnknownRuns(IngestionRunRepository runs, IngestionJobRepository jobs) {
        this.runs = runs;
        this.jobs = jobs;
    }

    /** Those of the executions the catalog has no run of (purged, or their job deleted); at most a thousand asked. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> unknownExecutions(Collection<Long> executionIds) {
        Set<Long> known = runs.executionsAmong(executionIds);
        return executionIds.stream().filter(id -> !known.contains(id)).toList();
    }

    /** Whether the catalog has no ingestion job of that id (any more). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean jobGone(UUID jobId) {
        return jobs.find(jobId).isEmpty();
    }
}
