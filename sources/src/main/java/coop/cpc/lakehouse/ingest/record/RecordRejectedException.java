package coop.cpc.lakehouse.ingest.record;

import coop.cpc.lakehouse.ingest.RejectedRecord;

/**
 * One record cannot become a row of the schema; the message names the column, the expected type
 * and the offending value. Sources turn it into a {@link RejectedRecord} and keep reading.
 */
public class RecordRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public RecordRejectedException(String reason) {
        super(reason);
    }

    /** The rejected record as the sources report it. */
    public RejectedRecord toRejected(String source, String position) {
        return new RejectedRecord(source, position, getMessage());
    }
}
