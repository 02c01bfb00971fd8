package coop.cpc.lakehouse.application.table;

import java.util.Objects;
import java.util.UUID;

/**
 * Where the next page of a rows query starts: the snapshot the query reads (a paged read stays on one
 * snapshot) and the address of the next row: live segment, row group, row within the group. A page
 * resumes at that row group without decoding the ones before it. A page the scan budget cut short points
 * at the first row (0) of the next row group it would have scanned.
 */
public record RowCursor(UUID snapshotId, int segment, int rowGroup, int row) {

    /** @throws IllegalArgumentException for a position no page can have returned */
    public RowCursor {
        Objects.requireNonNull(snapshotId, "snapshotId");
        if (segment < 0 || rowGroup < 0 || row < 0) {
            throw new IllegalArgumentException("a cursor position is never negative");
        }
    }
}
