package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.columnar.Column;
import java.util.List;
import java.util.UUID;

/**
 * A page of a change feed.
 *
 * @param toSnapshot the end of the range read (the next feed's fromSnapshot), or null when the asset has no snapshot
 * @param next       where the next page starts, or null on the last page
 */
public record ChangePage(
        List<Column> columns,
        List<RowChangeEvent> changes,
        UUID fromSnapshot,
        UUID toSnapshot,
        ChangeCursor next,
        long bytes) {}
