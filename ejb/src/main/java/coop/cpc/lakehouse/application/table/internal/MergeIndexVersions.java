package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.table.CurrentVersions;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * {@link CurrentVersions} by the snapshot's {@link MergeIndex}, taken from (or built into) the cache the rows
 * query uses, so that an adapter's scan and a rows page of one snapshot agree and build the index once.
 */
@ApplicationScoped
public class MergeIndexVersions implements CurrentVersions {

    @Inject
    SegmentFiles files;

    @Inject
    MergeIndexCache indexes;

    public MergeIndexVersions() {}

    /** For tests outside the container. */
    public MergeIndexVersions(SegmentFiles files, MergeIndexCache indexes) {
        this.files = files;
        this.indexes = indexes;
    }

    @Override
    public SnapshotVersions at(DataAsset asset, UUID snapshotId, List<WebmSegment> live) throws InvalidInputException {
        List<Column> keyColumns = DefaultTableService.keyColumns(AssetSchema.fromJson(asset.getSchema()));
        return new Versions(keyColumns, index(indexes, files, asset, snapshotId, live, keyColumns));
    }

    /**
     * The snapshot's index from the cache (built on a miss), or null for an asset without a primary key.
     *
     * @throws InvalidInputException when the asset has more changed keys than an index holds
     */
    static MergeIndex index(
            MergeIndexCache indexes,
            SegmentFiles files,
            DataAsset asset,
            UUID snapshotId,
            List<WebmSegment> live,
            List<Column> keyColumns)
            throws InvalidInputException {
        if (keyColumns.isEmpty()) {
            return null;
        }
        try {
            return indexes.get(snapshotId, keyColumns, () -> MergeIndex.build(files, live, keyColumns));
        } catch (MergeIndex.MergeTooLargeException e) {
            throw new InvalidInputException(
                    "asset " + asset.getNamespace() + "." + asset.getName() + ": " + e.getMessage());
        }
    }

    /** Merge-on-read's test of a row, as {@link MergeOnRead} applies it. */
    private static final class Versions implements SnapshotVersions {
        private final List<Column> keys;
        /** Null for an asset without a primary key. */
        private final MergeIndex index;
        /** The key's values are the whole of {@code key}, in key order. */
        private final int[] positions;

        Versions(List<Column> keys, MergeIndex index) {
            this.keys = keys;
            this.index = index;
            this.positions = IntStream.range(0, keys.size()).toArray();
        }

        @Override
        public List<String> keyColumns() {
            return keys.stream().map(Column::name).toList();
        }

        @Override
        public boolean current(WebmSegment segment, Object[] key) {
            if (segment.getKind() == SegmentKind.DELETES) {
                return false;
            }
            if (index == null || index.empty() || !index.mayHide(segment.getDataSequence())) {
                return true;
            }
            return index.current(RowKey.of(keys, key, positions), segment.getDataSequence());
        }
    }
}
