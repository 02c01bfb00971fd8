package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobCursor;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import jakarta.ejb.Local;
import java.util.UUID;

/** Reads the catalog's ingestion jobs. */
@Local
public interface IngestionJobService {

    IngestionJob get(UUID id) throws UnknownIngestionJobException;

    /**
     * @param status only jobs in this status, or all when null
     * @param after  continue after this job, or from the start when null
     * @param first  page size, 1 to the configured maximum
     */
    Page<IngestionJob> list(JobStatus status, JobCursor after, int first) throws InvalidInputException;
}
