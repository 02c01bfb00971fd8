package coop.cpc.lakehouse.application.table;

import java.util.UUID;

/**
 * One change of the feed: a row inserted, updated (before and after) or deleted (before) by a snapshot.
 *
 * @param before the row's values before the change (null for an insert), in the page's column order
 * @param after  the row's values after it (null for a delete)
 */
public record RowChangeEvent(UUID snapshotId, long sequenceNumber, Kind kind, Object[] before, Object[] after) {

    public enum Kind {
        INSERT,
        UPDATE,
        DELETE
    }
}
