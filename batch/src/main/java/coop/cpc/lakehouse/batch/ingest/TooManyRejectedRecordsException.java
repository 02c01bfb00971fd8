package coop.cpc.lakehouse.batch.ingest;

/**
 * The run rejected more than {@code max_errors} records, counted over all its executions (a restart does not
 * start the count anew). Not skippable: the run fails, naming the last rejected record.
 */
public class TooManyRejectedRecordsException extends Exception {
    private static final long serialVersionUID = 1L;

    public TooManyRejectedRecordsException(RejectedRecordException last) {
        super(last.getMessage(), last);
    }
}
