package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import jakarta.ejb.Local;
import java.util.UUID;

/**
 * A run's rejected records. They are data of the job's target asset (a rejected row as the source
 * had it), so reading them is a data read: audited as one, and allowed only to roles that may read
 * that asset's rows (a job without a single target asset: as for the most sensitive data).
 */
@Local
public interface JobRejects {
    /** Upper bound of {@code maxBytes}: a rejects file is read into one response. */
    int MAX_BYTES = 16 * 1024 * 1024;

    /**
     * @param maxBytes at most this many bytes of the file, 1 to {@link #MAX_BYTES}
     * @return the file's first lines, or null when the run rejected nothing
     * @throws UnknownJobExecutionException when the execution is not a run of that job
     * @throws ForbiddenException           when the caller may not read the target asset's rows
     */
    RejectedRecords read(UUID jobId, long executionId, int maxBytes)
            throws UnknownJobExecutionException, InvalidInputException, ForbiddenException;
}
