package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import java.util.List;
import java.util.UUID;

/**
 * Merge-on-read's rule for readers that scan a snapshot's segments themselves (the adapters): which stored rows
 * are the current version of their key. The rows query keeps a row by the same rule and the same index: a
 * version is current unless a newer data sequence upserted or deleted its key, and a delete segment holds no
 * rows. Every row of a data segment of an asset without a primary key is current.
 */
public interface CurrentVersions {

    /**
     * The rule at one snapshot of an asset.
     *
     * @param live the snapshot's live segments
     * @throws InvalidInputException when the asset has more changed keys since its last compaction than a read
     *     indexes (it names the asset and asks for a compaction)
     */
    SnapshotVersions at(DataAsset asset, UUID snapshotId, List<WebmSegment> live) throws InvalidInputException;

    /** Which stored rows of one snapshot are current. */
    interface SnapshotVersions {

        /** The primary key's columns in key order: what {@link #current} needs of a row (empty: no key). */
        List<String> keyColumns();

        /**
         * Whether a stored row of {@code segment} is current.
         *
         * @param key the row's values of {@link #keyColumns()}, in that order
         */
        boolean current(WebmSegment segment, Object[] key);
    }
}
