package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobCursor;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

@Stateless
public class DefaultIngestionJobService implements IngestionJobService {

    @Inject
    IngestionJobRepository jobs;

    @Inject
    LakehouseSettings settings;

    @Override
    @Audited(action = AuditAction.READ, resource = "ingestion_job")
    public IngestionJob get(UUID id) throws UnknownIngestionJobException {
        return jobs.find(id).orElseThrow(() -> new UnknownIngestionJobException(id));
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "ingestion_job")
    public Page<IngestionJob> list(JobStatus status, JobCursor after, int first) throws InvalidInputException {
        return Page.of(jobs.page(status, after, Page.fetchSize(first, settings)), first);
    }
}
