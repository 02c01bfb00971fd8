package coop.cpc.lakehouse.application.job;

/**
 * The metrics of one step of a {@link JobRun}.
 *
 * @param skipCount         read, process and write skips together (rejected records)
 * @param expectedReadCount the records this execution's step will read, when its source told; else null
 */
public record StepRun(
        String name,
        String batchStatus,
        long readCount,
        long writeCount,
        long skipCount,
        long commitCount,
        long rollbackCount,
        long filterCount,
        Long expectedReadCount) {}
