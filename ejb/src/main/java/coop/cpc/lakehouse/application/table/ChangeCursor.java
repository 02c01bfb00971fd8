package coop.cpc.lakehouse.application.table;

import java.util.Objects;
import java.util.UUID;

/** Where the next page of a change feed starts: the range read and the changes of it already returned. */
public record ChangeCursor(UUID fromSnapshot, UUID toSnapshot, long offset) {

    public ChangeCursor {
        Objects.requireNonNull(toSnapshot, "toSnapshot");
        if (offset < 0) {
            throw new IllegalArgumentException("a cursor position is never negative");
        }
    }
}
