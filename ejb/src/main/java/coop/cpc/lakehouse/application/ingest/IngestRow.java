package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.columnar.Column;
import java.util.List;
import java.util.UUID;

/**
 * One row read from a source, on its way to a segment file of its asset.
 *
 * @param columns the row's columns, in the order of {@code values} (shared by the rows of a source, not copied)
 */
public record IngestRow(UUID assetId, List<Column> columns, Object[] values) {

    /** No row: what the reader hands over when a stop request ended a read, so the step can stop. */
    public static final IngestRow NOTHING = new IngestRow(null, List.of(), new Object[0]);
}
