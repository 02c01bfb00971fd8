package coop.cpc.lakehouse.ingest;

import java.io.IOException;

/**
 * Receives what a source reads: rows of typed values in the order of the target schema's
 * columns (the Java types of {@code coop.cpc.lakehouse.columnar.Values}), and rejected records.
 */
public interface RowSink {

    void row(Object[] values) throws IOException;

    void reject(RejectedRecord record) throws IOException;
}
