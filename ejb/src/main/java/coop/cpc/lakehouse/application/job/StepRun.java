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
        Long expectedReadCount) {

    /** A step whose source did not tell how much it will read. */
    public StepRun(
            String name,
            String batchStatus,
            long readCount,
            long writeCount,
            long skipCount,
            long commitCount,
            long rollbackCount,
            long filterCount) {
        this(name, batchStatus, readCount, writeCount, skipCount, commitCount, rollbackCount, filterCount, null);
    }
}
