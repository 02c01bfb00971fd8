package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an asset's rows at one snapshot: only the live segments of that snapshot, only the
 * columns asked for (plus those the conditions need), skipping row groups whose min/max
 * statistics exclude the conditions.
 */
@Stateless
public class TableReader {

    @Inject
    AssetRepository assets;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    SegmentRepository segments;

    @Inject
    LakehouseSettings settings;

    @Inject
    SegmentFiles files;

    @Inject
    LakehouseMetrics metrics;

    /** The earliest and latest instants the catalog's timestamps hold (PostgreSQL timestamptz, years 1 to 9999). */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * @param columns  the columns to return (each at most once), or empty for all
     * @param first    page size, 1 to the configured maximum
     * @param after    the previous page's cursor, or null
     * @param asOf     the snapshot to read, or null for the current one (ignored with a cursor)
     * @param maxBytes the most bytes the page's values may take in the response (capped by
     *                 {@code graphql_max_response_bytes}): a caller's budget left for this request
     * @throws ResponseTooLargeException when the page would exceed {@code maxBytes}: page with a smaller first
     */
    @Audited(action = AuditAction.READ, resource = "table")
    public RowPage rows(UUID assetId, List<String> columns, List<RowPredicate> where, int first, RowCursor after, AsOf asOf,
            long maxBytes) throws UnknownAssetException, InvalidInputException, ResponseTooLargeException {
        Page.fetchSize(first, settings);
        requireInRange(asOf);
        long budget = Math.min(maxBytes, settings.graphqlMaxResponseBytes());
        DataAsset asset = assets.find(assetId).orElseThrow(() -> new UnknownAssetException("with id " + assetId));
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        List<Column> output = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        for (String name : columns.isEmpty() ? schema.columns().stream().map(ColumnSpec::name).toList() : columns) {
            if (name != null && !asked.add(name)) {
                throw new InvalidInputException("columns lists " + Names.abbreviate(name) + " twice");
            }
            output.add(column(schema, name));
        }
        List<SegmentScan.Condition> conditions = new ArrayList<>();
        for (RowPredicate predicate : where) {
            if (predicate == null) {
                throw new InvalidInputException("where must not contain null");
            }
            conditions.add(SegmentScan.Condition.of(column(schema, predicate.column()), predicate));
        }
        UUID snapshotId = snapshot(asset, after, asOf);
        if (snapshotId == null) {
            return new RowPage(output, List.of(), null, null, 0);
        }
        List<WebmSegment> live = segments.findLiveAt(assetId, snapshotId);
        List<Object[]> rows = new ArrayList<>();
        long bytes = 0;
        int segment = after == null ? 0 : after.segment();
        int offset = after == null ? 0 : after.offset();
        for (; segment < live.size(); segment++, offset = 0) {
            List<Object[]> segmentRows = read(files, live.get(segment), output, conditions);
            metrics.segmentRead(live.get(segment).getByteSize());
            for (int r = offset; r < segmentRows.size(); r++) {
                if (rows.size() == first) {
                    return new RowPage(output, rows, snapshotId, new RowCursor(snapshotId, segment, r), bytes);
                }
                bytes += ResponseSize.ofRow(output, segmentRows.get(r));
                if (bytes > budget) {
                    throw new ResponseTooLargeException("rows: the page would exceed the response limit of " + budget
                            + " bytes after " + rows.size() + " rows; page with a smaller first (at most " + Math.max(1, rows.size())
                            + " rows of these columns) or ask for fewer columns");
                }
                rows.add(segmentRows.get(r));
            }
        }
        return new RowPage(output, rows, snapshotId, null, bytes);
    }

    private static void requireInRange(AsOf asOf) throws InvalidInputException {
        if (asOf != null && asOf.instant() != null && (asOf.instant().isBefore(EARLIEST) || asOf.instant().isAfter(LATEST))) {
            throw new InvalidInputException("asOf.timestamp must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        }
    }

    private UUID snapshot(DataAsset asset, RowCursor after, AsOf asOf) throws InvalidInputException {
        if (after != null) {
            return requireOwn(asset, after.snapshotId());
        }
        if (asOf == null) {
            return asset.getCurrentSnapshotId();
        }
        if (asOf.snapshotId() != null) {
            return requireOwn(asset, asOf.snapshotId());
        }
        return snapshots.findAsOf(asset.getId(), asOf.instant()).map(AssetSnapshot::getId).orElse(null);
    }

    private UUID requireOwn(DataAsset asset, UUID snapshotId) throws InvalidInputException {
        AssetSnapshot snapshot = snapshots.find(snapshotId)
                .filter(s -> s.getAssetId().equals(asset.getId()))
                .orElseThrow(() -> new InvalidInputException("asset " + asset.getNamespace() + "." + asset.getName()
                        + " has no snapshot " + snapshotId));
        return snapshot.getId();
    }

    /** The matching rows of one segment, projected to the output columns (null for a column the segment predates). */
    private static List<Object[]> read(SegmentFiles files, WebmSegment segment, List<Column> output,
            List<SegmentScan.Condition> conditions) {
        try {
            return SegmentScan.rows(files.resolve(segment.getPath()), output, conditions);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read segment " + segment.getPath(), e);
        }
    }

    private static Column column(AssetSchema schema, String name) throws InvalidInputException {
        if (name == null) {
            throw new InvalidInputException("a column name must not be null");
        }
        ColumnSpec spec = schema.column(name).orElseThrow(() -> new InvalidInputException("no column " + Names.abbreviate(name)));
        return new Column(spec.name(), spec.type().toColumnar(), spec.nullable());
    }
}
