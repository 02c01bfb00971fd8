package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams an asset's rows at its current snapshot one segment at a time, through the table's segment
 * scan: only the columns asked for are decoded and row groups the conditions exclude are skipped.
 * Memory: one segment's projected columns, whatever the asset's size. Callers are audited services.
 */
@ApplicationScoped
public class AssetRows {

    @Inject
    SegmentRepository segments;

    @Inject
    SegmentFiles files;

    /**
     * @param columns the columns each row holds, in this order (null for a column a segment predates)
     * @return rows read
     */
    public long scan(DataAsset asset, List<String> columns, List<RowPredicate> where, Consumer<Object[]> rows)
            throws InvalidInputException {
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        List<Column> output = new ArrayList<>();
        for (String name : columns) {
            output.add(column(asset, schema, name));
        }
        SegmentScan.requireConditionCount(where);
        List<SegmentScan.Condition> conditions = new ArrayList<>();
        for (RowPredicate predicate : where) {
            conditions.add(SegmentScan.Condition.of(column(asset, schema, predicate.column()), predicate));
        }
        if (asset.getCurrentSnapshotId() == null) {
            return 0;
        }
        long count = 0;
        for (WebmSegment segment : segments.findLiveAt(asset.getId(), asset.getCurrentSnapshotId())) {
            List<Object[]> read;
            try {
                read = SegmentScan.rows(files.resolve(segment.getPath()), output, conditions);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
            }
            for (Object[] row : read) {
                rows.accept(row);
                count++;
            }
        }
        return count;
    }

    /**
     * {@link #scan} that hands on at most {@code limit} rows and stops at the next one: for callers that
     * hold every row they are given.
     *
     * @return false when the asset holds more than {@code limit} rows (the first {@code limit} were handed on)
     */
    public boolean scanAtMost(
            DataAsset asset, List<String> columns, List<RowPredicate> where, long limit, Consumer<Object[]> rows)
            throws InvalidInputException {
        long[] handed = {0};
        try {
            scan(asset, columns, where, row -> {
                if (handed[0] >= limit) {
                    throw new LimitReached();
                }
                handed[0]++;
                rows.accept(row);
            });
            return true;
        } catch (LimitReached e) {
            return false;
        }
    }

    /** Stops a scan past its limit. */
    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super(null, null, false, false);
        }
    }

    private static Column column(DataAsset asset, AssetSchema schema, String name) throws InvalidInputException {
        ColumnSpec spec = schema.column(name)
                .orElseThrow(() -> new InvalidInputException(
                        "asset " + asset.getNamespace() + "." + asset.getName() + " has no column " + name));
        return new Column(spec.name(), spec.type().toColumnar(), spec.nullable());
    }
}
