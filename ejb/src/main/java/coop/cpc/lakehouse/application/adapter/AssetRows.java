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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

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
        long[] count = {0};
        scanWhile(asset, columns, where, DecodeBudget.UNBOUNDED, row -> {
            rows.accept(row);
            count[0]++;
            return true;
        });
        return count[0];
    }

    /** Stored rows a scan may still decode, and who is told of each segment's decoded rows. */
    public record DecodeBudget(long rowsLeft, LongConsumer decoded) {
        public static final DecodeBudget UNBOUNDED = new DecodeBudget(Long.MAX_VALUE, rows -> {});
    }

    /** How {@link #scanWhile} ended. */
    public enum ScanEnd {
        /** Every row was handed on. */
        ALL_READ,
        /** The consumer stopped it. */
        STOPPED,
        /**
         * A segment was left unread: the row groups of it that the conditions did not rule out hold more stored
         * rows than the budget had left.
         */
        BUDGET_SPENT
    }

    /**
     * {@link #scan} that hands on rows while {@code rows} returns true, and decodes a segment only when the row
     * groups of it that the conditions did not rule out fit in what is left of the budget: its work is at most the
     * budget (the stored rows decoded, every row of those row groups, it tells the budget segment by segment).
     */
    public ScanEnd scanWhile(
            DataAsset asset,
            List<String> columns,
            List<RowPredicate> where,
            DecodeBudget budget,
            Predicate<Object[]> rows)
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
            return ScanEnd.ALL_READ;
        }
        long decoded = 0;
        for (WebmSegment segment : segments.findLiveAt(asset.getId(), asset.getCurrentSnapshotId())) {
            long[] stored = {0};
            Optional<List<Object[]>> read;
            try {
                read = SegmentScan.rowsWithin(
                        files.resolve(segment.getPath()),
                        output,
                        conditions,
                        budget.rowsLeft() - decoded,
                        n -> stored[0] = n);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
            }
            if (read.isEmpty()) {
                return ScanEnd.BUDGET_SPENT;
            }
            decoded += stored[0];
            budget.decoded().accept(stored[0]);
            for (Object[] row : read.get()) {
                if (!rows.test(row)) {
                    return ScanEnd.STOPPED;
                }
            }
        }
        return ScanEnd.ALL_READ;
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
