package coop.cpc.lakehouse.ingest.record;

import coop.cpc.lakehouse.ingest.RowSink;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Base of a source's record reader: converts its records one at a time and sends each to the sink as
 * a row or, when the converter rejects it, as a rejected record; counts both for the read's result.
 */
public abstract class ConvertingRecordReader {

    /** How one record is converted by the source's converter. */
    @FunctionalInterface
    public interface Conversion {
        Object[] convert(RecordConverter converter) throws RecordRejectedException;
    }

    private final RecordConverter converter;
    private long rows;
    private long rejected;

    protected ConvertingRecordReader(RecordConverter converter) {
        this.converter = converter;
    }

    /**
     * @param source the source's URI, named in a rejected record
     * @param position where the record was, asked for only when it is rejected
     */
    protected final void deliver(Conversion record, String source, Supplier<String> position, RowSink sink)
            throws IOException {
        Object[] row;
        try {
            row = record.convert(converter);
        } catch (RecordRejectedException e) {
            rejected++;
            sink.reject(e.toRejected(source, position.get()));
            return;
        }
        rows++;
        sink.row(row);
    }

    public final MappingReport mapping() {
        return converter.mappingReport();
    }

    public final long rows() {
        return rows;
    }

    public final long rejected() {
        return rejected;
    }
}
