package coop.cpc.lakehouse.application.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.ingest.RowSink;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * A source opened for one run (or its restart), read one record at a time. Not thread-safe.
 */
public interface PullSource extends AutoCloseable {

    /**
     * Reads the next record and hands the sink one row or one rejected record.
     *
     * @return false at the end of the source, with nothing handed over
     */
    boolean readNext(RowSink sink) throws Exception;

    /** The asset the record just read goes to. */
    UUID asset();

    /** The columns of the row just read, in the order of its values. */
    List<Column> columns();

    /** Where a restart of this run resumes: after everything handed over so far. */
    Serializable checkpoint();

    /** The source of an asset's rows, for lineage: a URI without credentials. */
    String sourceUri(UUID asset);

    /**
     * Where the job's NEXT run starts once this run has committed (e.g. after the last primary key),
     * or null when every run reads the whole source.
     */
    JsonNode nextRunState();

    /** The asset's columns and the source fields they came from: [{column, sourceField, derivation}]. */
    ArrayNode columnMappings(UUID asset);

    @Override
    void close() throws Exception;
}
