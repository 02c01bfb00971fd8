package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.ingest.RejectedRecord;

/**
 * A source record that cannot become a row. Skippable in every ingestion job: the skip is counted,
 * the record written with its reason to the run's rejects file, and the run goes on until more
 * than {@code max_errors} records were rejected.
 */
public class RejectedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectedRecord record;

    public RejectedRecordException(RejectedRecord record) {
        super(record.source() + " " + record.position() + ": " + record.reason());
        this.record = record;
    }

    public RejectedRecord record() {
        return record;
    }
}
