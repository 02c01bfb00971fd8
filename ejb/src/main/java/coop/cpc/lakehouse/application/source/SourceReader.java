package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * A source opened for one run (or its restart), read one record at a time. Not thread-safe.
 */
public interface SourceReader extends AutoCloseable {

    /**
     * Reads the next record and hands the sink one row or one rejected record.
     *
     * @return false at the end of the source, with nothing handed over
     */
    boolean readNext(RowSink sink) throws Exception;

    /** The asset the record just read goes to. */
    UUID asset();

    /**
     * Every asset this run reads into, also those no record goes to: once the source has ended, each was
     * read whole (an OVERWRITE source's commit empties the ones that got no row).
     */
    Set<UUID> assets();

    /** The columns of the row just read, in the order of its values. */
    List<Column> columns();

    /** Where a restart of this run resumes: after everything handed over so far. */
    Serializable checkpoint();

    /**
     * The records (rows and rejects) this reader will hand over from where it was opened, when the
     * source tells that cheaply; empty otherwise. Only for a run's progress and ETA.
     */
    default OptionalLong expectedRecords() {
        return OptionalLong.empty();
    }

    /** The source of an asset's rows, for lineage: a URI without credentials. */
    String sourceUri(UUID asset);

    /**
     * Where the job's NEXT run starts once this run has committed (e.g. after the last primary key),
     * as its kind writes it to the job's {@code source_state}; empty when every run reads the whole source.
     */
    default Optional<NextRunState> nextRunState() {
        return Optional.empty();
    }

    /** The asset's columns and the source fields they came from. */
    List<ColumnMapping> columnMappings(UUID asset);

    @Override
    void close() throws Exception;
}
