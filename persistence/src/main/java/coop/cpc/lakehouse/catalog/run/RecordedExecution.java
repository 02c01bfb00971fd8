package coop.cpc.lakehouse.catalog.run;

import java.time.Instant;

/**
 * One execution the batch runtime's job repository holds, as the run history purge sees it.
 *
 * @param batchStatus STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED or ABANDONED
 * @param endedAt null while it runs, or when a server stop interrupted it and it waits for its restart (one JBeret
 *     marked FAILED when it restarted it ended then)
 */
public record RecordedExecution(long executionId, long jobInstanceId, String batchStatus, Instant endedAt) {}
