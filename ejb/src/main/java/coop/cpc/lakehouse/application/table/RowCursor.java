package coop.cpc.lakehouse.application.table;

import java.util.UUID;

/**
 * Where the next page of a rows query starts: the snapshot the query reads (a paged read stays
 * on one snapshot), the live segment's position and the rows of it already passed.
 */
public record RowCursor(UUID snapshotId, int segment, int offset) {
}
