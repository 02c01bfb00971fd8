package coop.cpc.lakehouse.ingest.files;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The records of one file format, in order; parse failures are {@link MalformedFileException}s. */
interface RecordStream extends Closeable {

    /** The next record, or null at the end. */
    SourceRecord next() throws IOException;

    /** Passes over the next record without building it; false at the end. */
    boolean skip() throws IOException;

    /** Names of the file's fields when the format has a header, else empty. */
    default List<String> header() {
        return List.of();
    }
}
