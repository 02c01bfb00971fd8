package coop.cpc.lakehouse.ingest.record;

import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a source reports, for assertions. */
public final class CollectingSink implements RowSink {

    public final List<Object[]> rows = new ArrayList<>();
    public final List<RejectedRecord> rejects = new ArrayList<>();

    @Override
    public void row(Object[] values) {
        rows.add(values);
    }

    @Override
    public void reject(RejectedRecord record) {
        rejects.add(record);
    }

    /** The values of one column over all rows. */
    public List<Object> column(int ordinal) {
        List<Object> values = new ArrayList<>();
        for (Object[] row : rows) {
            values.add(row[ordinal]);
        }
        return values;
    }
}
