package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.CurrentVersions;
import coop.cpc.lakehouse.application.table.ReadsInFlight;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.columnar.webm.SegmentMetadata;
import coop.cpc.lakehouse.columnar.webm.TrackInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Streams an asset's current rows at its current snapshot one data segment at a time, through the table's
 * segment scan: only the columns asked for (and the primary key's) are decoded and row groups the conditions
 * exclude are skipped. Of an asset with a primary key only the current version of each key is handed on, by the
 * rows query's merge-on-read rule ({@link CurrentVersions}): an upserted key's older versions and a deleted key's
 * rows are not. Memory: one segment's projected columns, whatever the asset's size, and the snapshot's merge index
 * (shared with the rows query). Callers are audited services.
 */
@ApplicationScoped
public class AssetRows {

    @Inject
    SegmentRepository segments;

    @Inject
    SegmentFiles files;

    @Inject
    CurrentVersions versions;

    @Inject
    ReadsInFlight reads;

    @Inject
    AssetRepository catalog;

    /**
     * @param columns the columns each row holds, in this order (null for a column a segment predates)
     * @return rows handed on
     */
    public long scan(DataAsset asset, List<String> columns, List<RowPredicate> where, Consumer<Object[]> rows)
            throws InvalidInputException, UnknownAssetException {
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
     * budget (the stored rows decoded, every row of those row groups, it tells the budget segment by segment). The
     * rows of older versions that merge-on-read drops count as decoded; a delete segment is not read (its keys are
     * in the snapshot's merge index, built once per snapshot and bounded by {@code MergeIndex.MAX_KEYS}).
     */
    public ScanEnd scanWhile(
            DataAsset asset,
            List<String> columns,
            List<RowPredicate> where,
            DecodeBudget budget,
            Predicate<Object[]> rows)
            throws InvalidInputException, UnknownAssetException {
        // Held for the whole scan, as the rows query holds its read: a snapshot expiry committing meanwhile (after a
        // compaction made this snapshot an old one) leaves the files this scan may still open.
        try (ReadsInFlight.Hold hold = reads.hold(asset.getId())) {
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
            List<WebmSegment> live = segments.findLiveAt(asset.getId(), asset.getCurrentSnapshotId());
            if (live.isEmpty()) {
                // Its segments' rows go with the asset: a deletion that committed since the asset was loaded.
                requireNotDeleted(asset);
            }
            try {
                return scanLive(asset, columns, schema, output, conditions, live, budget, rows);
            } catch (UncheckedIOException e) {
                // deleteAsset deletes the asset's files once it has committed, whatever scans of it are under way.
                requireNotDeleted(asset);
                throw e;
            }
        }
    }

    /** The earliest and the latest of some stored instants. */
    public record InstantSpan(Instant first, Instant last) {}

    /**
     * The earliest and latest value of the instant column {@code column} that current rows with a non-null
     * {@code column} and a non-null {@code nonNullColumn} certainly hold, from the live data segments' statistics
     * alone (their footers: no row is decoded): over the segments that store both columns, hold no null
     * {@code nonNullColumn} and have statistics of {@code column}. Empty when no segment qualifies, and for an asset
     * with a primary key or a delete segment, whose stored rows merge-on-read may drop (an upserted key's older
     * version, a deleted key), so its statistics are no bound of its current rows. The current rows may span more
     * (the segments left out), never less.
     */
    public Optional<InstantSpan> certainSpan(DataAsset asset, String column, String nonNullColumn)
            throws UnknownAssetException {
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        if (asset.getCurrentSnapshotId() == null || !schema.primaryKey().isEmpty()) {
            return Optional.empty();
        }
        try (ReadsInFlight.Hold hold = reads.hold(asset.getId())) {
            List<WebmSegment> live = segments.findLiveAt(asset.getId(), asset.getCurrentSnapshotId());
            Instant first = null;
            Instant last = null;
            for (WebmSegment segment : live) {
                if (segment.getKind() == SegmentKind.DELETES) {
                    return Optional.empty();
                }
                SegmentMetadata metadata;
                try (WebmColumnar.ReadBuilder read = WebmColumnar.read(files.resolve(segment.getPath()))) {
                    metadata = read.metadata();
                } catch (IOException e) {
                    requireNotDeleted(asset);
                    throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
                }
                Optional<TrackInfo> values = track(metadata, column);
                Optional<TrackInfo> required = track(metadata, nonNullColumn);
                if (values.isEmpty()
                        || required.isEmpty()
                        || required.get().nullCount() != 0
                        || !(values.get().min() instanceof Instant min)
                        || !(values.get().max() instanceof Instant max)) {
                    continue;
                }
                first = first == null || min.isBefore(first) ? min : first;
                last = last == null || max.isAfter(last) ? max : last;
            }
            return first == null ? Optional.empty() : Optional.of(new InstantSpan(first, last));
        }
    }

    private static Optional<TrackInfo> track(SegmentMetadata metadata, String column) {
        return metadata.tracks().stream()
                .filter(t -> t.column().name().equals(column))
                .findFirst();
    }

    /** Refuses an asset that {@code deleteAsset} removed while it was scanned (its rows and files are gone). */
    private void requireNotDeleted(DataAsset asset) throws UnknownAssetException {
        if (catalog.find(asset.getId()).isEmpty()) {
            throw new UnknownAssetException(asset.getNamespace() + "." + asset.getName() + " (id " + asset.getId()
                    + "): it was deleted while it was read");
        }
    }

    private ScanEnd scanLive(
            DataAsset asset,
            List<String> columns,
            AssetSchema schema,
            List<Column> output,
            List<SegmentScan.Condition> conditions,
            List<WebmSegment> live,
            DecodeBudget budget,
            Predicate<Object[]> rows)
            throws InvalidInputException {
        CurrentVersions.SnapshotVersions current = versions.at(asset, asset.getCurrentSnapshotId(), live);
        // Merge-on-read needs each row's key: the key columns the output lacks are read after it.
        List<Column> projected = new ArrayList<>(output);
        int[] keyAt = new int[current.keyColumns().size()];
        for (int k = 0; k < keyAt.length; k++) {
            String name = current.keyColumns().get(k);
            keyAt[k] = columns.indexOf(name);
            if (keyAt[k] < 0) {
                projected.add(column(asset, schema, name));
                keyAt[k] = projected.size() - 1;
            }
        }
        Object[] key = new Object[keyAt.length];
        long decoded = 0;
        for (WebmSegment segment : live) {
            if (segment.getKind() == SegmentKind.DELETES) {
                continue;
            }
            long[] stored = {0};
            Optional<List<Object[]>> read;
            try {
                read = SegmentScan.rowsWithin(
                        files.resolve(segment.getPath()),
                        projected,
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
                for (int k = 0; k < keyAt.length; k++) {
                    key[k] = row[keyAt[k]];
                }
                if (!current.current(segment, key)) {
                    continue;
                }
                if (!rows.test(row.length == output.size() ? row : Arrays.copyOf(row, output.size()))) {
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
            throws InvalidInputException, UnknownAssetException {
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
