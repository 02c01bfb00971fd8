package coop.cpc.lakehouse.ingest.files;

import coop.cpc.lakehouse.ingest.ReadStoppedException;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.record.ConvertingRecordReader;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Reads one claimed file record by record, for a chunk step that checkpoints between records.
 * Opened by {@link FileDropSource#open(ClaimedFile, long)}.
 */
public final class FileRecordReader extends ConvertingRecordReader implements Closeable {

    private final ClaimedFile claimed;
    private final RecordStream records;
    private final BooleanSupplier stopRequested;
    private final int stopCheckEvery;
    private long recordIndex;
    private long skipped;

    FileRecordReader(
            ClaimedFile claimed,
            RecordStream records,
            RecordConverter converter,
            BooleanSupplier stopRequested,
            int stopCheckEvery) {
        super(converter);
        this.claimed = claimed;
        this.records = records;
        this.stopRequested = stopRequested;
        this.stopCheckEvery = stopCheckEvery;
    }

    /**
     * Passes over up to n records without converting them; returns how many there were.
     *
     * @throws ReadStoppedException when the stop flag is raised on the way
     */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n && records.skip()) {
            done++;
            if (done % stopCheckEvery == 0 && stopRequested.getAsBoolean()) {
                throw new ReadStoppedException("reading " + claimed.originalName());
            }
        }
        recordIndex += done;
        skipped += done;
        return done;
    }

    /**
     * Reads the next record and sends it to the sink as a row or as a rejected record.
     *
     * @return false at the end of the file, with nothing sent
     * @throws RejectedFileException the file cannot be read further: quarantine it
     */
    public boolean readNext(RowSink sink) throws IOException {
        SourceRecord record = records.next();
        if (record == null) {
            return false;
        }
        recordIndex++;
        deliver(record::convert, claimed.sourceUri(), record::position, sink);
        return true;
    }

    /** Where to resume: valid once the records read so far are committed. */
    public FileCheckpoint checkpoint() {
        return new FileCheckpoint(claimed.claimName(), recordIndex);
    }

    public ClaimedFile file() {
        return claimed;
    }

    public long skipped() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
