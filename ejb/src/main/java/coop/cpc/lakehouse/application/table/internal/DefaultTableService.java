package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.CatalogInstants;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.RequestAssets;
import coop.cpc.lakehouse.application.asset.SnapshotRemovals;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.table.AsOf;
import coop.cpc.lakehouse.application.table.ChangeCursor;
import coop.cpc.lakehouse.application.table.ChangePage;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.CommitWork;
import coop.cpc.lakehouse.application.table.CommitWorkException;
import coop.cpc.lakehouse.application.table.CompactionCommit;
import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.table.CompactionResult;
import coop.cpc.lakehouse.application.table.CompactionStarts;
import coop.cpc.lakehouse.application.table.ExpiryResult;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.MaintenanceJobs;
import coop.cpc.lakehouse.application.table.MultiCommitResult;
import coop.cpc.lakehouse.application.table.ReadsInFlight;
import coop.cpc.lakehouse.application.table.ResponseSize;
import coop.cpc.lakehouse.application.table.ResponseTooLargeException;
import coop.cpc.lakehouse.application.table.RowChangeEvent;
import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.RowsScanned;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.application.table.SegmentScan;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.application.table.TextRows;
import coop.cpc.lakehouse.application.table.UncommittedSegments;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.DeletedSnapshotHistory;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The table service: reads by merge-on-read, the change feed, commits of appends, upserts and deletes
 * (segment files first, then one catalog transaction), compaction and expiry. Runs outside a transaction:
 * each commit is its own (see {@link TableCommits}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultTableService implements TableService {
    /** The name of the Jakarta Batch job that compacts one asset (job parameter {@code assetId}). */
    public static final String COMPACT_JOB = "compact-asset";

    static final int MAX_COMPACTION_ATTEMPTS = 8;
    /** The most snapshots one expiry keeps by count. */
    public static final int MAX_RETAIN_LAST = 100_000;
    /** The earliest and latest instants the catalog's timestamps hold (PostgreSQL timestamptz, years 1 to 9999). */
    static final Instant EARLIEST = CatalogInstants.EARLIEST;

    static final Instant LATEST = CatalogInstants.LATEST;
    private static final Logger LOG = Logger.getLogger(DefaultTableService.class.getName());

    @EJB
    TableCommits commits;

    @EJB
    MaintenanceJobs maintenance;

    @Inject
    LakehouseMetrics metrics;

    @Inject
    AssetRepository assets;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    SegmentRepository segments;

    @Inject
    SegmentFiles files;

    @Inject
    LakehouseSettings settings;

    @Inject
    MergeIndexCache indexes;

    @Inject
    RowGroupCache rowGroups;

    @Inject
    ChangeSegmentCounts changeSegments;

    @Inject
    CompactionDeferral deferral;

    @Inject
    LiveSegmentCache liveSegments;

    @Inject
    Instance<RequestAssets> requestAssets;

    @Inject
    SnapshotRemovals removals;

    /** Holds a compaction's outputs from the orphan cleanup until it commits (it may run for hours). */
    @Inject
    UncommittedSegments uncommitted;

    /** The most changes one change-feed range may hold, and one request's changes calls replay (a test lowers it). */
    int maxChanges = ChangeFeed.MAX_CHANGES;

    /** The most snapshots one change-feed range may span (a test lowers it). */
    int maxRangeSnapshots = ChangeFeed.MAX_RANGE_SNAPSHOTS;

    /** The most segments live at a change-feed range's {@code fromSnapshot} (a test lowers it). */
    int maxSegmentsAtFrom = ChangeFeed.MAX_SEGMENTS_AT_FROM;

    @Inject
    ChangesReplayed changesReplayed;

    /** The reads of this server scanning segment files now: an expiry leaves their files in place. */
    @Inject
    ReadsInFlight reads;

    @Inject
    CompactionStarts compactionStarts;

    @Inject
    RowsScanned rowsScanned;

    // ---- reads

    @Override
    @Audited(action = AuditAction.READ, resource = "table")
    public RowPage rows(
            UUID assetId,
            List<String> columns,
            List<RowPredicate> where,
            int first,
            RowCursor after,
            AsOf asOf,
            long maxBytes)
            throws UnknownAssetException, InvalidInputException, ResponseTooLargeException, SnapshotExpiredException {
        Page.fetchSize(first, settings);
        requireInRange(asOf);
        long budget = Math.min(maxBytes, settings.graphqlMaxResponseBytes());
        // Held before the asset and its snapshot are loaded: an expiry that commits later keeps the files.
        try (ReadsInFlight.Hold hold = reads.hold(assetId)) {
            // In a query that read the asset already (asset(id) { rows }), the same asset and snapshot.
            DataAsset recalled = RequestAssets.recall(requestAssets, assetId).orElse(null);
            DataAsset asset = recalled != null ? recalled : find(assetId);
            AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
            List<Column> output = new ArrayList<>();
            Set<String> asked = new HashSet<>();
            for (String name : columns.isEmpty()
                    ? schema.columns().stream().map(ColumnSpec::name).toList()
                    : columns) {
                if (name != null && !asked.add(name)) {
                    throw new InvalidInputException("columns lists " + Names.abbreviate(name) + " twice");
                }
                output.add(column(schema, name));
            }
            SegmentScan.requireConditionCount(where);
            List<SegmentScan.Condition> conditions = new ArrayList<>();
            for (RowPredicate predicate : where) {
                if (predicate == null) {
                    throw new InvalidInputException("where must not contain null");
                }
                conditions.add(SegmentScan.Condition.of(column(schema, predicate.column()), predicate));
            }
            UUID snapshotId = snapshotId(asset, after, asOf);
            if (recalled != null
                    && after == null
                    && asOf == null
                    && snapshotId != null
                    && !RequestAssets.nothingRemovedSinceStart(requestAssets)) {
                // The asset was read earlier in the request: a commit and an expiry since could have expired
                // the snapshot it showed, whose segment list would then be partial. Asked only when an expiry
                // or a deletion was under way or has begun since the request began (else none can have).
                snapshotId = readable(asset, snapshotId, "the asset's current snapshot")
                        .getId();
            }
            if (snapshotId == null) {
                return new RowPage(output, List.of(), null, null, 0);
            }
            // The rows fields of one request decode at most graphql_max_scan_rows stored rows in all (at least one
            // row group each); a field that reaches it returns what it found and a cursor where it stopped.
            RowsScanned scanned = RowsScanned.of(rowsScanned);
            List<WebmSegment> live = liveAt(asset, snapshotId);
            if (live.isEmpty()) {
                // Its segments' rows go with the asset: a deletion that committed since the asset was loaded.
                requireNotDeleted(asset, "read");
            }
            if (hold.expiryOverlapped()) {
                // The segment list may have been loaded after an expiry forgot part of it.
                requireUnexpired(asset, snapshotId);
            }
            try {
                return reader(asset, schema, snapshotId, live)
                        .cached(rowGroups)
                        .page(
                                output,
                                conditions,
                                after,
                                snapshotId,
                                first,
                                budget,
                                settings.graphqlMaxScanRows() - scanned.count(),
                                scanned::add);
            } catch (UncheckedIOException e) {
                throw unlessExpiredOrDeleted(e, asset, snapshotId);
            }
        }
    }

    /**
     * A segment file of the snapshot could not be read: when the asset was deleted since ({@code deleteAsset} deletes
     * its files once it has committed, whatever reads are under way), the read is refused as a read of an unknown
     * asset; when the snapshot has expired since (an expiry of another server, or a read this one did not hold), as
     * any read of an expired snapshot is.
     */
    private UncheckedIOException unlessExpiredOrDeleted(UncheckedIOException e, DataAsset asset, UUID... read)
            throws InvalidInputException, SnapshotExpiredException, UnknownAssetException {
        requireNotDeleted(asset, "read");
        requireUnexpired(asset, read);
        return e;
    }

    /** Refuses an asset that {@code deleteAsset} removed while it was being {@code done} (its rows and files are gone). */
    private void requireNotDeleted(DataAsset asset, String done) throws UnknownAssetException {
        if (assets.find(asset.getId()).isEmpty()) {
            throw new UnknownAssetException(
                    name(asset) + " (id " + asset.getId() + "): it was deleted while it was " + done);
        }
    }

    private void requireUnexpired(DataAsset asset, UUID... read)
            throws InvalidInputException, SnapshotExpiredException {
        for (UUID snapshotId : read) {
            if (snapshotId != null) {
                readable(asset, snapshotId, "the snapshot read");
            }
        }
    }

    private List<WebmSegment> liveAt(DataAsset asset, UUID snapshotId) {
        return liveSegments.get(asset.getId(), snapshotId, () -> segments.findLiveAt(asset.getId(), snapshotId));
    }

    private MergeOnRead reader(DataAsset asset, AssetSchema schema, UUID snapshotId, List<WebmSegment> live)
            throws InvalidInputException {
        List<Column> keyColumns = keyColumns(schema);
        MergeIndex index = MergeIndexVersions.index(indexes, files, asset, snapshotId, live, keyColumns);
        return new MergeOnRead(files, live, keyColumns, index, metrics::segmentRead);
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "table")
    public ChangePage changes(
            UUID assetId, UUID fromSnapshot, UUID toSnapshot, int first, ChangeCursor after, long maxBytes)
            throws UnknownAssetException, InvalidInputException, ResponseTooLargeException, SnapshotExpiredException {
        Page.fetchSize(first, settings);
        long budget = Math.min(maxBytes, settings.graphqlMaxResponseBytes());
        try (ReadsInFlight.Hold hold = reads.hold(assetId)) {
            DataAsset asset = find(assetId);
            AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
            List<Column> columns = schema.columns().stream()
                    .map(c -> new Column(c.name(), c.type().toColumnar(), c.nullable()))
                    .toList();
            UUID fromId = after != null ? after.fromSnapshot() : fromSnapshot;
            UUID toId =
                    after != null ? after.toSnapshot() : toSnapshot == null ? asset.getCurrentSnapshotId() : toSnapshot;
            if (toId == null) {
                return new ChangePage(columns, List.of(), null, null, null, 0);
            }
            AssetSnapshot to = readable(asset, toId, "toSnapshot");
            AssetSnapshot from = fromId == null ? null : readable(asset, fromId, "fromSnapshot");
            long fromSequence = from == null ? 0 : from.getSequenceNumber();
            if (fromSequence > to.getSequenceNumber()) {
                throw new InvalidInputException(
                        "fromSnapshot #" + fromSequence + " comes after toSnapshot #" + to.getSequenceNumber());
            }
            // Asked before the range is loaded: once expired snapshot rows were deleted, no feed starts at the
            // beginning; nor while its first snapshot is expired (expiry keeps the newest; checked whole below).
            if (from == null
                    && (snapshots.deletedHistory(assetId).isPresent()
                            || !startsAtTheFirstSnapshot(
                                    snapshots.findInRange(assetId, 0, to.getSequenceNumber(), 0, 1)))) {
                throw expiredFromTheBeginning(asset);
            }
            if (after == null && toSnapshot == null) {
                // Up to the current snapshot, as far as one range may span: a consumer that fell behind reads on from
                // the toSnapshot this answer names (the documented follow loop), as a wider range is not served.
                to = lastWithinTheBound(assetId, fromSequence, to);
            }
            ChangeFeed feed = new ChangeFeed(files, columns, keyColumns(schema), maxChanges);
            // Bounded before any row of the range is loaded: its snapshot rows, then its data rows (one aggregate),
            // then the segments live at its start (one count).
            requireFewerSnapshots(asset, from, to);
            feed.requireBounded(segments.dataRowsAddedInRange(assetId, fromSequence, to.getSequenceNumber()));
            // An idle poll (fromSnapshot is toSnapshot) replays nothing: it only asks whether segments are live there.
            boolean idle = from != null && fromSequence == to.getSequenceNumber();
            if (from != null && !idle) {
                requireFewerSegmentsAt(asset, from);
            }
            // Only the range's rows: a feed resumed from its last toSnapshot loads what it replays, not the history.
            List<AssetSnapshot> range = snapshots.findInRange(assetId, fromSequence, to.getSequenceNumber());
            if (from == null && !startsAtTheFirstSnapshot(range)) {
                // From the beginning up to toSnapshot: an expired snapshot before it (expiry keeps the newest), or
                // expired rows deleted since the check above (their deletion does not wait for reads).
                throw expiredFromTheBeginning(asset);
            }
            List<WebmSegment> atFrom = from == null || idle ? List.of() : segments.findLiveAt(assetId, from.getId());
            boolean liveAtFrom = idle ? segments.countLiveAt(assetId, from.getId()) > 0 : !atFrom.isEmpty();
            List<WebmSegment> all = segments.findChangedInRange(assetId, fromSequence, to.getSequenceNumber());
            if (all.isEmpty() && (!liveAtFrom || !range.isEmpty())) {
                // Its segments' rows go with the asset: a deletion that committed since the asset was loaded, also
                // one between the two segment queries. Only an idle poll (an empty range) with live segments skips it.
                requireNotDeleted(asset, "read");
            }
            if (hold.expiryOverlapped()) {
                // The segment lists may have been loaded after an expiry forgot part of them.
                requireUnexpired(asset, to.getId(), from == null ? null : from.getId());
            }
            long offset = after == null ? 0 : after.offset();
            // The page and the change after it (which says whether a next page exists); only these are kept.
            List<RowChangeEvent> events;
            ChangesReplayed replayed = ChangesReplayed.of(changesReplayed);
            try {
                events = feed.changes(range, atFrom, all, offset, first + 1, maxChanges - replayed.count());
            } catch (MergeIndex.MergeTooLargeException e) {
                throw new InvalidInputException("asset " + name(asset) + ": " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw unlessExpiredOrDeleted(e, asset, to.getId(), from == null ? null : from.getId());
            } finally {
                replayed.add(feed.replayed());
            }
            List<RowChangeEvent> page = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < events.size(); i++) {
                if (page.size() == first) {
                    return new ChangePage(
                            columns, page, fromId, to.getId(), new ChangeCursor(fromId, to.getId(), offset + i), bytes);
                }
                RowChangeEvent event = events.get(i);
                bytes += 64
                        + (event.before() == null ? 0 : ResponseSize.ofRow(columns, event.before()))
                        + (event.after() == null ? 0 : ResponseSize.ofRow(columns, event.after()));
                if (bytes > budget) {
                    throw new ResponseTooLargeException("changes: the page would exceed the response limit of " + budget
                            + " bytes after " + page.size() + " changes; page with a smaller first");
                }
                page.add(event);
            }
            return new ChangePage(columns, page, fromId, to.getId(), null, bytes);
        }
    }

    /**
     * Whether a range from the beginning holds the asset's first snapshot (sequence number 1) and no expired one:
     * only expired snapshots' rows are ever deleted, so a range whose first row is a later one lost its start.
     */
    private static boolean startsAtTheFirstSnapshot(List<AssetSnapshot> fromTheBeginning) {
        return !fromTheBeginning.isEmpty()
                && fromTheBeginning.get(0).getSequenceNumber() == 1
                && fromTheBeginning.stream().noneMatch(AssetSnapshot::isExpired);
    }

    /** {@code to}, or the last snapshot of the first {@link #maxRangeSnapshots} after {@code fromSequence}. */
    private AssetSnapshot lastWithinTheBound(UUID assetId, long fromSequence, AssetSnapshot to) {
        List<AssetSnapshot> last =
                snapshots.findInRange(assetId, fromSequence, to.getSequenceNumber(), maxRangeSnapshots - 1, 1);
        return last.isEmpty() ? to : last.get(0);
    }

    /**
     * Refuses a change range of more than {@link #maxRangeSnapshots} snapshots before its rows are loaded (each
     * loaded snapshot row, and the segment rows its commit added, stays in memory while the range is replayed),
     * naming the snapshot that ends the first range within the bound.
     */
    private void requireFewerSnapshots(DataAsset asset, AssetSnapshot from, AssetSnapshot to)
            throws InvalidInputException {
        long fromSequence = from == null ? 0 : from.getSequenceNumber();
        long toSequence = to.getSequenceNumber();
        // The last snapshot within the bound and the one after it, if the range holds more.
        List<AssetSnapshot> boundary =
                snapshots.findInRange(asset.getId(), fromSequence, toSequence, maxRangeSnapshots - 1, 2);
        if (boundary.size() < 2) {
            return;
        }
        AssetSnapshot last = boundary.get(0);
        throw new InvalidInputException("changes: the range from "
                + (from == null ? "the beginning (fromSnapshot omitted)" : "fromSnapshot #" + fromSequence)
                + " to toSnapshot #" + toSequence + " spans " + (toSequence - fromSequence)
                + " snapshots, more than the " + maxRangeSnapshots + " one range may span; read it in narrower"
                + " ranges: toSnapshot " + last.getId() + " (#" + last.getSequenceNumber()
                + ") ends the first, and each range's toSnapshot is the next one's fromSnapshot");
    }

    /**
     * Refuses a change range whose {@code fromSnapshot} has more than {@link #maxSegmentsAtFrom} live segments before
     * their rows are loaded: the replay holds them (the state it starts from), and an asset that is never compacted
     * (compaction off, or failing on a CDC-fed asset) gathers a segment per commit.
     */
    private void requireFewerSegmentsAt(DataAsset asset, AssetSnapshot from) throws InvalidInputException {
        long live = segments.countLiveAt(asset.getId(), from.getId());
        if (live > maxSegmentsAtFrom) {
            throw new InvalidInputException("changes: asset " + name(asset) + " had " + live
                    + " live segments at fromSnapshot #" + from.getSequenceNumber() + ", more than the "
                    + maxSegmentsAtFrom + " a range may start from (the replay holds them); compact the asset"
                    + " (compactAsset) and start from a fromSnapshot after the compaction, or start from an earlier"
                    + " fromSnapshot, where it had fewer");
        }
    }

    // ---- writes

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    public CommitResult appendText(UUID assetId, List<IncomingColumn> columns, List<List<String>> rows)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        return writeText(assetId, columns, rows, SnapshotOperation.APPEND, "appendRows");
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    public CommitResult upsertText(UUID assetId, List<IncomingColumn> columns, List<List<String>> rows)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        return writeText(assetId, columns, rows, SnapshotOperation.UPSERT, "upsertRows");
    }

    private CommitResult writeText(
            UUID assetId,
            List<IncomingColumn> columns,
            List<List<String>> rows,
            SnapshotOperation operation,
            String what)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException {
        List<Column> incoming = TextRows.columns(columns);
        if (rows == null || rows.size() > TextRows.MAX_ROWS) {
            throw new InvalidInputException(
                    "at most " + TextRows.MAX_ROWS + " rows per " + what + ", not " + (rows == null ? 0 : rows.size()));
        }
        DataAsset asset = find(assetId);
        if (operation == SnapshotOperation.UPSERT) {
            requireKey(asset, what);
        }
        return write(asset, incoming, TextRows.values(incoming, rows, what), operation, null, null);
    }

    @Override
    @Audited(action = AuditAction.DELETE, resource = "table")
    public CommitResult deleteText(UUID assetId, List<List<String>> keys)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        if (keys == null || keys.isEmpty() || keys.size() > TextRows.MAX_ROWS) {
            throw new InvalidInputException(
                    "deleteRows takes 1 to " + TextRows.MAX_ROWS + " keys, not " + (keys == null ? 0 : keys.size()));
        }
        DataAsset asset = find(assetId);
        List<Column> keyColumns = requireKey(asset, "deleteRows");
        List<Object[]> parsed = TextRows.values(keyColumns, keys, "deleteRows");
        return delete(asset, keyColumns, parsed, null, null);
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    public CommitResult append(UUID assetId, List<Column> columns, List<Object[]> rows, UUID jobId, Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        return writeRows(assetId, columns, rows, SnapshotOperation.APPEND, "append", jobId, executionId);
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    public CommitResult upsert(UUID assetId, List<Column> columns, List<Object[]> rows, UUID jobId, Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        return writeRows(assetId, columns, rows, SnapshotOperation.UPSERT, "upsert", jobId, executionId);
    }

    /** Appends or upserts rows of the format's Java types; {@code what} names the operation in refusals. */
    private CommitResult writeRows(
            UUID assetId,
            List<Column> columns,
            List<Object[]> rows,
            SnapshotOperation operation,
            String what,
            UUID jobId,
            Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException {
        if (rows.isEmpty()) {
            throw new InvalidInputException("no rows to " + what);
        }
        DataAsset asset = find(assetId);
        if (operation == SnapshotOperation.UPSERT) {
            requireKey(asset, what);
        }
        return write(asset, columns, rows, operation, jobId, executionId);
    }

    @Override
    @Audited(action = AuditAction.DELETE, resource = "table")
    public CommitResult delete(UUID assetId, List<Object[]> keys, UUID jobId, Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        if (keys.isEmpty()) {
            throw new InvalidInputException("no keys to delete");
        }
        DataAsset asset = find(assetId);
        return delete(asset, requireKey(asset, "delete"), keys, jobId, executionId);
    }

    private CommitResult delete(
            DataAsset asset, List<Column> keyColumns, List<Object[]> keys, UUID jobId, Long executionId)
            throws InvalidInputException, SchemaMismatchException, UnknownAssetException {
        TableChanges.Builder changes = TableChanges.of(keyColumns).operation(SnapshotOperation.DELETE);
        keys.forEach(changes::delete);
        return commitOne(asset, changes.build(), jobId, executionId);
    }

    private CommitResult write(
            DataAsset asset,
            List<Column> columns,
            List<Object[]> rows,
            SnapshotOperation operation,
            UUID jobId,
            Long executionId)
            throws InvalidInputException, SchemaMismatchException, UnknownAssetException {
        TableChanges.Builder changes = TableChanges.of(columns).operation(operation);
        rows.forEach(changes::upsert);
        return commitOne(asset, changes.build(), jobId, executionId);
    }

    private CommitResult commitOne(DataAsset asset, TableChanges changes, UUID jobId, Long executionId)
            throws InvalidInputException, SchemaMismatchException, UnknownAssetException {
        StagedChanges staged = stageMeasured(asset, changes);
        boolean committed = false;
        try {
            long asked = System.nanoTime();
            CommitResult result = commits.commitAll(List.of(staged), null, jobId, executionId)
                    .results()
                    .get(0);
            metrics.commitTook(System.nanoTime() - asked);
            committed = true;
            afterCommit(List.of(staged), List.of(result));
            return result;
        } catch (CommitWorkException e) {
            throw new IllegalStateException("a commit without work failed in its work", e);
        } finally {
            if (!committed) {
                discardFiles(List.of(staged));
            }
        }
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    public StagedChanges stage(UUID assetId, TableChanges changes)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException {
        return stageMeasured(find(assetId), changes);
    }

    private StagedChanges stageMeasured(DataAsset asset, TableChanges changes)
            throws InvalidInputException, SchemaMismatchException {
        StagedChanges staged = new ChangeStager(files).stage(asset, changes);
        staged.dataSegments().forEach(segment -> metrics.segmentWritten(segment.byteSize()));
        staged.deleteSegments().forEach(segment -> metrics.segmentWritten(segment.byteSize()));
        return staged;
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    public <T> MultiCommitResult<T> commit(List<StagedChanges> staged, CommitWork<T> work, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException {
        requireStaged(staged);
        long asked = System.nanoTime();
        MultiCommitResult<T> result = commits.commitAll(staged, work, jobId, executionId);
        metrics.commitTook(System.nanoTime() - asked);
        afterCommit(staged, result.results());
        return result;
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    public <T> MultiCommitResult<T> commitChanges(
            Map<UUID, TableChanges> changes, CommitWork<T> work, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException {
        if (changes == null || changes.isEmpty() || changes.values().stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("a commit needs at least one asset's changes and no null");
        }
        List<StagedChanges> staged = new ArrayList<>();
        boolean committed = false;
        try {
            for (Map.Entry<UUID, TableChanges> asset : changes.entrySet()) {
                staged.add(stageMeasured(find(asset.getKey()), asset.getValue()));
            }
            long asked = System.nanoTime();
            MultiCommitResult<T> result = commits.commitAll(staged, work, jobId, executionId);
            metrics.commitTook(System.nanoTime() - asked);
            committed = true;
            afterCommit(staged, result.results());
            return result;
        } finally {
            if (!committed) {
                discardFiles(staged);
            }
        }
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<CommitResult> commitInCurrentTransaction(List<StagedChanges> staged, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException {
        requireStaged(staged);
        return commits.commitAllInCurrent(staged, jobId, executionId);
    }

    private static void requireStaged(List<StagedChanges> staged) throws InvalidInputException {
        if (staged == null || staged.isEmpty() || staged.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("a commit needs at least one staged change and no null");
        }
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "table")
    public void discard(List<StagedChanges> staged) {
        discardFiles(staged);
    }

    private void discardFiles(List<StagedChanges> staged) {
        List<StagedSegment> written = new ArrayList<>();
        for (StagedChanges changes : staged) {
            written.addAll(changes.dataSegments());
            written.addAll(changes.deleteSegments());
        }
        new ChangeStager(files).discard(unknownToCatalog(written));
    }

    /**
     * The segments among {@code written} that no segment of the catalog names, so that deleting them loses nothing.
     * A commit that threw may have committed all the same (the connection lost while COMMIT was under way): the
     * catalog, asked in a new transaction, says which files it took. When it cannot be asked either, none: the
     * orphan cleanup deletes what it does not name later (it asks the catalog too).
     */
    private List<StagedSegment> unknownToCatalog(List<StagedSegment> written) {
        if (written.isEmpty()) {
            return written;
        }
        Set<String> known;
        try {
            known = commits.knownPaths(written.stream().map(StagedSegment::path).toList());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Cannot ask the catalog which of " + written.size()
                    + " segment files of a failed commit it names; none deleted (the orphan cleanup deletes those it"
                    + " does not name): " + e.getMessage());
            return List.of();
        }
        return written.stream()
                .filter(segment -> !known.contains(segment.path()))
                .toList();
    }

    /**
     * A commit that leaves an asset with many change segments starts its compaction, unless its writer is catching
     * up on a backlog ({@link CompactionDeferral}, bounded). The count follows the asset from commit to commit
     * ({@link ChangeSegmentCounts}) instead of loading its live segments each time.
     */
    private void afterCommit(List<StagedChanges> staged, List<CommitResult> results) {
        for (int i = 0; i < staged.size(); i++) {
            UUID assetId = staged.get(i).assetId();
            UUID committed = results.get(i).snapshotId();
            try {
                UUID parent = snapshots.find(committed).orElseThrow().getParentId();
                int changes = changeSegments.afterCommit(
                        parent, committed, staged.get(i), () -> segments.findLiveAt(assetId, committed));
                if (changes < settings.compactionChangeSegments()
                        || deferral.defers(assetId, changes, settings.compactionChangeSegments())) {
                    continue;
                }
                CompactionStarts.Start start = compactionStarts.startUnlessRunning(assetId, maintenance);
                if (start.started()) {
                    long execution = start.execution();
                    String name =
                            assets.find(assetId).map(DefaultTableService::name).orElse(assetId.toString());
                    LOG.info(() -> "Asset " + name + " has " + changes + " change segments: started " + COMPACT_JOB
                            + " execution " + execution);
                }
            } catch (RuntimeException e) {
                // The commit stands; the daily maintenance compacts what this missed.
                LOG.warning(() -> "Cannot start the compaction of asset " + assetId + ": " + e.getMessage());
            }
        }
    }

    // ---- maintenance

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "table")
    public CompactionResult compact(UUID assetId) throws UnknownAssetException, CommitConflictException {
        // Its inputs stay on disk while it rewrites them, whatever an expiry forgets meanwhile.
        try (ReadsInFlight.Hold hold = reads.hold(assetId)) {
            return compactHeld(assetId);
        }
    }

    private CompactionResult compactHeld(UUID assetId) throws UnknownAssetException, CommitConflictException {
        Compactor compactor = new Compactor(files, uncommitted);
        int target = settings.compactionTargetRows();
        for (int attempt = 1; ; attempt++) {
            DataAsset asset = find(assetId);
            if (asset.getCurrentSnapshotId() == null) {
                return new CompactionResult(null, 0, 0, 0, attempt, 0);
            }
            AssetSnapshot snapshot =
                    snapshots.find(asset.getCurrentSnapshotId()).orElse(null);
            if (snapshot == null) {
                // A current snapshot is never expired or deleted alone: the asset was deleted since it was loaded.
                requireNotDeleted(asset, "compacted");
                throw new IllegalStateException(
                        "asset " + name(asset) + " has no current snapshot " + asset.getCurrentSnapshotId());
            }
            List<WebmSegment> live = segments.findLiveAt(assetId, snapshot.getId());
            AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
            CompactionPlan plan = CompactionPlan.of(live, keyColumns(schema), target);
            if (!plan.worthwhile(target)) {
                return new CompactionResult(null, 0, 0, 0, attempt, 0);
            }
            List<StagedSegment> written;
            try {
                written = compactor.rewrite(
                        asset.getNamespace(),
                        asset.getName(),
                        schema.toColumnar(),
                        plan.rewritten(),
                        keyColumns(schema),
                        target,
                        SortOrder.of(schema.toColumnar(), asset.getSortOrder()));
            } catch (UncheckedIOException e) {
                // deleteAsset deletes the files it read once it has committed (the rewrite deleted its own outputs).
                requireNotDeleted(asset, "compacted");
                throw e;
            }
            boolean committed = false;
            try {
                CommitResult result = commits.commitCompaction(
                        assetId,
                        new CompactionCommit(
                                plan.rewritten().stream()
                                        .map(WebmSegment::getId)
                                        .toList(),
                                plan.kept().stream().map(WebmSegment::getId).toList(),
                                written,
                                plan.outputSequence(snapshot.getSequenceNumber())),
                        asset.getSchema());
                committed = true;
                int attempts = attempt;
                int read = plan.rewritten().size();
                int kept = plan.kept().size();
                LOG.info(() -> "Compacted asset " + name(asset) + ": " + read + " segments into " + written.size()
                        + ", " + kept + " kept (snapshot #" + result.sequenceNumber() + ", attempt " + attempts + ")");
                return new CompactionResult(
                        result.snapshotId(), read, written.size(), result.rowsAdded(), attempt, kept);
            } catch (CommitConflictException e) {
                metrics.casRetry();
                if (attempt == MAX_COMPACTION_ATTEMPTS) {
                    throw e;
                }
                LOG.fine(() -> e.getMessage() + "; compacting again");
            } finally {
                // Held from the orphan cleanup no longer: the catalog names a file it committed, and a failed commit's
                // files are deleted here unless the catalog names them (the commit may have committed all the same).
                compactor.release(written);
                if (!committed) {
                    compactor.discard(unknownToCatalog(written));
                }
            }
        }
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "table")
    public long startCompaction(UUID assetId) throws UnknownAssetException {
        find(assetId);
        return compactionStarts.startUnlessRunning(assetId, maintenance).execution();
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "table")
    public ExpiryResult expireSnapshots(UUID assetId, Instant olderThan, int retainLast)
            throws UnknownAssetException, InvalidInputException {
        if (olderThan == null || olderThan.isBefore(EARLIEST) || olderThan.isAfter(LATEST)) {
            throw new InvalidInputException(
                    "olderThan must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        }
        if (retainLast < 1 || retainLast > MAX_RETAIN_LAST) {
            throw new InvalidInputException("retainLast must be from 1 to " + MAX_RETAIN_LAST + ", not " + retainLast);
        }
        find(assetId);
        requireDeletable();
        TableCommits.Expiry expiry;
        List<String> unread;
        // Opened before the expiry commits: the reads of the asset in flight keep the files they may still open.
        try (ReadsInFlight.Expiring expiring = reads.expiring(assetId)) {
            // Counted before the expiry commits: a request that began earlier asks the catalog again.
            removals.begin();
            try {
                expiry = commits.expire(assetId, olderThan, retainLast);
            } finally {
                removals.end();
            }
            unread = expiring.unread(expiry.deletedPaths());
        }
        liveSegments.forget(assetId);
        for (String path : unread) {
            try {
                files.delete(path);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warning(() ->
                        "Cannot delete the expired segment " + path + " (orphan cleanup will): " + e.getMessage());
            }
        }
        return new ExpiryResult(expiry.snapshotsExpired(), expiry.deletedPaths().size(), expiry.bytesDeleted());
    }

    @Override
    @Audited(action = AuditAction.MANAGE, resource = "table")
    public long deleteExpiredSnapshots(Instant expiredBefore) throws InvalidInputException {
        if (expiredBefore == null || expiredBefore.isBefore(EARLIEST) || expiredBefore.isAfter(LATEST)) {
            throw new InvalidInputException(
                    "expiredBefore must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        }
        long deleted = 0;
        // Ends: a batch deletes only rows expired before a fixed instant, and none comes back.
        while (true) {
            int batch = commits.deleteExpiredSnapshots(expiredBefore, SNAPSHOT_DELETE_BATCH);
            deleted += batch;
            if (batch < SNAPSHOT_DELETE_BATCH) {
                return deleted;
            }
        }
    }

    // ---- helpers

    /**
     * An expiry deletes files: on a folder another catalog marked it is refused before its catalog commit, as every
     * other write (docs/operations.md). Asked only after the commit, it expired the snapshots and forgot their
     * segments, answered with the files it had "deleted", and left them there for good (the orphan cleanup deletes
     * nothing in such a folder).
     */
    private void requireDeletable() throws StorageNotOwnedException {
        try {
            files.requireWritable();
        } catch (SegmentFolderRefusedException e) {
            throw new StorageNotOwnedException(e);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DataAsset find(UUID assetId) throws UnknownAssetException {
        if (assetId == null) {
            throw new UnknownAssetException("without an id");
        }
        return assets.find(assetId).orElseThrow(() -> new UnknownAssetException("with id " + assetId));
    }

    private static String name(DataAsset asset) {
        return asset.getNamespace() + "." + asset.getName();
    }

    static List<Column> keyColumns(AssetSchema schema) {
        return schema.primaryKey().stream()
                .map(k -> schema.column(k).orElseThrow())
                .map(c -> new Column(c.name(), c.type().toColumnar(), false))
                .toList();
    }

    private static List<Column> requireKey(DataAsset asset, String what) throws InvalidInputException {
        List<Column> key = keyColumns(AssetSchema.fromJson(asset.getSchema()));
        if (key.isEmpty()) {
            throw new InvalidInputException(what + ": asset " + name(asset)
                    + " has no primary key (set primaryKey on its " + "columns with updateAsset before it holds data)");
        }
        return key;
    }

    private static void requireInRange(AsOf asOf) throws InvalidInputException {
        if (asOf != null
                && asOf.instant() != null
                && (asOf.instant().isBefore(EARLIEST) || asOf.instant().isAfter(LATEST))) {
            throw new InvalidInputException(
                    "asOf.timestamp must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        }
    }

    /**
     * The snapshot a read sees: the current one needs no lookup (expiry always keeps it); a cursor's or an
     * older one is checked against expiry.
     */
    private UUID snapshotId(DataAsset asset, RowCursor after, AsOf asOf)
            throws InvalidInputException, SnapshotExpiredException {
        if (after != null) {
            return readable(asset, after.snapshotId(), "after").getId();
        }
        if (asOf == null) {
            return asset.getCurrentSnapshotId();
        }
        if (asOf.snapshotId() != null) {
            return readable(asset, asOf.snapshotId(), "asOf.snapshotId").getId();
        }
        AssetSnapshot at = snapshots.findAsOf(asset.getId(), asOf.instant()).orElse(null);
        if (at == null || at.isExpired()) {
            // The snapshot current then may be one whose row was deleted after it expired (every snapshot up to the
            // newest deleted one is expired); a time before the asset was created has no snapshot.
            DeletedSnapshotHistory deleted =
                    snapshots.deletedHistory(asset.getId()).orElse(null);
            if (deleted != null
                    && (at == null
                            ? !asOf.instant().isBefore(asset.getCreatedAt())
                            : at.getSequenceNumber() <= deleted.throughSequence())) {
                throw new SnapshotExpiredException("asOf.timestamp: the snapshot of asset " + name(asset)
                        + " current at " + asOf.instant() + " has expired: " + deletedHistory(deleted)
                        + "; read as of a later time");
            }
        }
        if (at != null && at.isExpired()) {
            throw expired(asset, at);
        }
        return at == null ? null : at.getId();
    }

    private static String deletedHistory(DeletedSnapshotHistory deleted) {
        return "its snapshots up to #" + deleted.throughSequence() + " (committed up to "
                + deleted.throughCommittedAt() + ") expired, and " + deleted.snapshotsDeleted()
                + " of them have been deleted from the catalog";
    }

    private AssetSnapshot readable(DataAsset asset, UUID snapshotId, String what)
            throws InvalidInputException, SnapshotExpiredException {
        AssetSnapshot snapshot = snapshots.find(snapshotId).orElse(null);
        if (snapshot == null) {
            // Its row may have been deleted after it expired: the asset says whether any were. Once some were, an
            // id it never had (a typo, another asset's deleted snapshot) cannot be told apart from them.
            DeletedSnapshotHistory deleted =
                    snapshots.deletedHistory(asset.getId()).orElse(null);
            if (deleted != null) {
                throw new SnapshotExpiredException(what + ": asset " + name(asset) + " has no snapshot " + snapshotId
                        + " any more: " + deletedHistory(deleted) + "; if it was one of them, read a newer snapshot"
                        + " (an id the asset never had gets this answer too)");
            }
        }
        if (snapshot == null || !snapshot.getAssetId().equals(asset.getId())) {
            throw new InvalidInputException(what + ": asset " + name(asset) + " has no snapshot " + snapshotId);
        }
        if (snapshot.isExpired()) {
            throw expired(asset, snapshot);
        }
        return snapshot;
    }

    private static SnapshotExpiredException expiredFromTheBeginning(DataAsset asset) {
        return new SnapshotExpiredException("asset " + name(asset) + ": the changes from its beginning include expired "
                + "snapshots; start from a retained snapshot (fromSnapshot)");
    }

    private static SnapshotExpiredException expired(DataAsset asset, AssetSnapshot snapshot) {
        return new SnapshotExpiredException("snapshot #" + snapshot.getSequenceNumber() + " (" + snapshot.getId()
                + ") of asset " + name(asset) + " expired at " + snapshot.getExpiredAt()
                + " and can no longer be read; read a newer snapshot");
    }

    private static Column column(AssetSchema schema, String name) throws InvalidInputException {
        if (name == null) {
            throw new InvalidInputException("a column name must not be null");
        }
        ColumnSpec spec =
                schema.column(name).orElseThrow(() -> new InvalidInputException("no column " + Names.abbreviate(name)));
        return new Column(spec.name(), spec.type().toColumnar(), spec.nullable());
    }
}
