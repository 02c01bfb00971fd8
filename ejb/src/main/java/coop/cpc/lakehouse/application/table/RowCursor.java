package coop.cpc.lakehouse.application.table;

import java.util.Objects;
import java.util.UUID;

/**
 * Where the next page of a rows query starts: the snapshot the query reads (a paged read stays
 * on one snapshot), the live segment's position and the rows of it already passed.
 */
public record RowCursor(UUID snapshotId, int segment, int offset) {

    /** @throws IllegalArgumentException for a position no page can have returned */
    public RowCursor {
        Objects.requireNonNull(snapshotId, "snapshotId");
        if (segment < 0 || offset < 0) {
            throw new IllegalArgumentException("a cursor position is never negative");
        }
    }
}
