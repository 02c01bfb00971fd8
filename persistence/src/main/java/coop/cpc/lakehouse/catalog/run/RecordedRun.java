package coop.cpc.lakehouse.catalog.run;

import java.util.UUID;

/**
 * One ingestion run the catalog holds, as the run history purge sees it.
 *
 * @param committed whether its commit transaction ran or a snapshot names it (the commit mark a file drop's claim
 *     settling reads: the files of a committed run go on to processed/, those of any other go back to be read)
 */
public record RecordedRun(UUID jobId, long jobInstanceId, long executionId, boolean committed) {}
