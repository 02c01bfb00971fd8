package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;

/** Holds what one pull of a source produced: a row or a rejected record. */
final class RowSlot implements RowSink {
    private Object[] row;
    private RejectedRecord rejected;

    void clear() {
        row = null;
        rejected = null;
    }

    @Override
    public void row(Object[] values) {
        row = values;
    }

    @Override
    public void reject(RejectedRecord record) {
        rejected = record;
    }

    Object[] row() {
        return row;
    }

    RejectedRecord rejected() {
        return rejected;
    }
}
