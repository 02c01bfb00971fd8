package coop.cpc.lakehouse.application.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The catalog half of a commit, in ONE transaction: the segments' rows, a snapshot row, the
 * schema's new columns, and the asset's current snapshot moved to the new one. The asset row is locked
 * for the transaction, so commits to one asset take turns, each on top of whatever is current once it
 * holds the lock (a compaction's commit checks that the segments it read are still live).
 * Rows carry their order as the segment's data sequence: the sequence number of the snapshot that
 * commits them (for compacted rows, of the snapshot they were compacted from, or the base's when the compaction kept
 * base segments: {@link coop.cpc.lakehouse.application.table.internal.CompactionPlan}).
 */
@Stateless
public class TableCommits {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many paths one {@link #knownPaths} query asks about (a bound on its parameters, not on the paths). */
    static final int LOOKUP_BATCH = 1_000;

    @Inject
    AssetRepository assets;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    SegmentRepository segments;

    /** Where a compaction's outputs are looked for before it commits; null: not looked for. */
    @Inject
    SegmentFiles files;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /** For the container. */
    public TableCommits() {}

    /**
     * Outside a container (tests, tools): repositories the caller runs in its own transactions; a
     * compaction's outputs are not looked for on disk.
     */
    public TableCommits(AssetRepository assets, SnapshotRepository snapshots, SegmentRepository segments) {
        this(assets, snapshots, segments, null);
    }

    /** As the three-argument one, with a compaction's outputs looked for under {@code files}. */
    public TableCommits(
            AssetRepository assets, SnapshotRepository snapshots, SegmentRepository segments, SegmentFiles files) {
        this.assets = assets;
        this.snapshots = snapshots;
        this.segments = segments;
        this.files = files;
    }

    /**
     * The asset locked as a commit locks it, for a writer that reads it in the transaction of its commit: the
     * commit's lock would otherwise find the copy read unlocked and, when another writer committed in between,
     * fail on its version instead of waiting its turn.
     */
    public DataAsset locked(UUID assetId) throws UnknownAssetException {
        return lock(assetId);
    }

    /**
     * Which of {@code paths} a segment of the catalog names, asked in a new transaction: after a commit that failed,
     * whether it committed all the same (the connection lost while COMMIT was under way) decides which of its staged
     * files may be deleted.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<String> knownPaths(List<String> paths) {
        Set<String> known = new HashSet<>();
        for (int from = 0; from < paths.size(); from += LOOKUP_BATCH) {
            known.addAll(segments.knownPaths(paths.subList(from, Math.min(from + LOOKUP_BATCH, paths.size()))));
        }
        return known;
    }

    /**
     * Commits an ingestion's staged segments inside the caller's transaction, on whatever snapshot is current once
     * the asset is locked: for a caller that records more in the same transaction (an ingestion run unstages its
     * files).
     * An APPEND adds the segments; an OVERWRITE also removes every segment live before it. A refusal marks the
     * caller's transaction rollback-only: what it recorded before (another asset's, or an earlier group's
     * snapshot) must not commit without the rest. The snapshot commits at {@code committedAt} (or at the time of
     * the snapshot it follows, if that is later; null: now): the snapshots of one transaction share it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public CommitResult commitOnCurrent(
            UUID assetId,
            SnapshotOperation operation,
            List<ColumnSpec> added,
            List<StagedSegment> staged,
            UUID jobId,
            Long executionId,
            Instant committedAt)
            throws UnknownAssetException, SchemaMismatchException {
        try {
            DataAsset asset = lock(assetId);
            StagedChanges changes =
                    StagedChanges.ofSegments(assetId, operation, added, staged, asset.getCurrentSnapshotId());
            return record(asset, changes, jobId, executionId, committedAt);
        } catch (UnknownAssetException | SchemaMismatchException | RuntimeException e) {
            rollbackOnly();
            throw e;
        }
    }

    /**
     * Staged changes of one or several assets and the caller's work, in one new transaction: each asset is
     * locked (in id order, so two such commits never deadlock) and gets one snapshot on top of its current one.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> MultiCommitResult<T> commitAll(
            List<StagedChanges> staged, CommitWork<T> work, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException, CommitWorkException {
        try {
            List<CommitResult> results = recordAll(staged, jobId, executionId);
            T done;
            try {
                done = work == null ? null : work.run(results);
            } catch (Exception e) {
                throw new CommitWorkException(e);
            }
            return new MultiCommitResult<>(results, done);
        } catch (UnknownAssetException | SchemaMismatchException | CommitWorkException | RuntimeException e) {
            // A checked exception would commit what was recorded before it: nothing of a failed commit may stay.
            rollbackOnly();
            throw e;
        }
    }

    private void rollbackOnly() {
        if (context != null) {
            context.setRollbackOnly();
        }
    }

    /** {@link #commitAll} inside the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<CommitResult> commitAllInCurrent(List<StagedChanges> staged, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException {
        try {
            return recordAll(staged, jobId, executionId);
        } catch (UnknownAssetException | SchemaMismatchException | RuntimeException e) {
            rollbackOnly();
            throw e;
        }
    }

    /** Records every staged change; public so that a test can run it without a container's transaction. */
    public List<CommitResult> recordAll(List<StagedChanges> staged, UUID jobId, Long executionId)
            throws UnknownAssetException, SchemaMismatchException {
        Map<UUID, DataAsset> locked = new HashMap<>();
        for (UUID id : staged.stream()
                .map(StagedChanges::assetId)
                .distinct()
                .sorted(Comparator.naturalOrder())
                .toList()) {
            locked.put(id, lock(id));
        }
        List<CommitResult> results = new ArrayList<>();
        for (StagedChanges changes : staged) {
            results.add(record(locked.get(changes.assetId()), changes, jobId, executionId, null));
        }
        return results;
    }

    /**
     * A compaction's commit: replaces the segments it read with the ones it wrote, whose rows take {@code
     * dataSequence}: the snapshot's it compacted, or the base's when it kept base segments ({@link
     * coop.cpc.lakehouse.application.table.internal.CompactionPlan}); changes committed while it ran stay newer.
     *
     * @throws CommitConflictException when a segment it read or kept is no longer live (an overwrite or another
     *                                 compaction removed it), or a segment it wrote is gone from the
     *                                 storage: nothing is written or removed, the caller starts over
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public CommitResult commitCompaction(UUID assetId, CompactionCommit compaction, String schemaJson)
            throws CommitConflictException, UnknownAssetException {
        return recordCompaction(assetId, compaction, schemaJson);
    }

    /** {@link #commitCompaction} without a container's transaction (tests). */
    public CommitResult recordCompaction(UUID assetId, CompactionCommit compaction, String schemaJson)
            throws CommitConflictException, UnknownAssetException {
        DataAsset asset = lock(assetId);
        List<StagedSegment> written = compaction.written();
        long dataSequence = compaction.dataSequence();
        List<WebmSegment> inputs = new ArrayList<>();
        for (UUID id : compaction.read()) {
            inputs.add(live(asset, id));
        }
        for (UUID id : compaction.kept()) {
            live(asset, id);
        }
        if (!Objects.equals(asset.getSchema(), schemaJson)) {
            // A column was added meanwhile: the compacted files lack it; start over with the new schema.
            throw new CommitConflictException(name(asset), "with its former schema", asset.getCurrentSnapshotId());
        }
        requireWritten(asset, written);
        long rows = written.stream().mapToLong(StagedSegment::rowCount).sum();
        long bytes = written.stream().mapToLong(StagedSegment::byteSize).sum();
        long rowsRemoved = inputs.stream()
                .filter(g -> g.getKind() != SegmentKind.DELETES)
                .mapToLong(WebmSegment::getRowCount)
                .sum();
        long bytesRemoved = inputs.stream().mapToLong(WebmSegment::getByteSize).sum();
        ObjectNode summary = JSON.createObjectNode();
        summary.put("rowsAdded", rows);
        summary.put("rowsRemoved", rowsRemoved);
        summary.put("segmentsAdded", written.size());
        summary.put("segmentsRemoved", inputs.size());
        summary.put("segmentsKept", compaction.kept().size());
        summary.put("bytesAdded", bytes);
        summary.put("compactedFromSequence", dataSequence);
        AssetSnapshot snapshot = next(asset, SnapshotOperation.COMPACT, summary.toString(), null, null, null);
        inputs.forEach(segment -> segment.removedBy(snapshot.getId()));
        for (StagedSegment segment : written) {
            segments.add(segment.addedBy(assetId, snapshot.getId(), SegmentKind.DATA, dataSequence));
        }
        asset.commitSnapshot(
                snapshot.getId(),
                Math.max(0, asset.getRowCount() - rowsRemoved + rows),
                Math.max(0, asset.getByteSize() - bytesRemoved + bytes));
        return new CommitResult(snapshot.getId(), snapshot.getSequenceNumber(), rows, asset.getRowCount(), 1);
    }

    /** A segment a compaction read or kept, still live. */
    private WebmSegment live(DataAsset asset, UUID id) throws CommitConflictException {
        WebmSegment segment = segments.find(id).orElse(null);
        if (segment == null || segment.getRemovedSnapshotId() != null) {
            throw new CommitConflictException(name(asset), "with segment " + id, asset.getCurrentSnapshotId());
        }
        return segment;
    }

    /**
     * A compaction's outputs must all be on disk before the snapshot that names them removes its inputs
     * (an output lost meanwhile, say to a cleanup, would leave the asset's rows unreadable).
     */
    private void requireWritten(DataAsset asset, List<StagedSegment> written) throws CommitConflictException {
        if (files == null) {
            return;
        }
        for (StagedSegment segment : written) {
            if (!java.nio.file.Files.isRegularFile(files.resolve(segment.path()))) {
                throw new CommitConflictException(
                        name(asset),
                        "with its compacted segment " + segment.path() + " (missing from the storage)",
                        asset.getCurrentSnapshotId());
            }
        }
    }

    /**
     * Snapshot expiry: the snapshots committed before {@code olderThan} are expired, except the newest
     * {@code retainLast} (the current one always stays); segments no retained snapshot sees are forgotten.
     *
     * @return the paths of the forgotten segments: delete the files once this transaction has committed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Expiry expire(UUID assetId, Instant olderThan, int retainLast) throws UnknownAssetException {
        return recordExpiry(assetId, olderThan, retainLast);
    }

    /** {@link #expire} without a container's transaction (tests). */
    public Expiry recordExpiry(UUID assetId, Instant olderThan, int retainLast) throws UnknownAssetException {
        DataAsset asset = lock(assetId);
        // The bounds come from the database, and the marking and forgetting are one statement each: an asset fed by
        // CDC keeps millions of snapshots and segment rows within its retention, which loading (as expiry did) took
        // the whole heap or the transaction's time, every day.
        Optional<AssetSnapshot> latest = snapshots.findLatest(assetId);
        if (latest.isEmpty()) {
            return new Expiry(0, List.of(), 0);
        }
        long newest = latest.get().getSequenceNumber();
        long current = asset.getCurrentSnapshotId() == null
                ? newest
                : snapshots
                        .find(asset.getCurrentSnapshotId())
                        .filter(s -> s.getAssetId().equals(assetId))
                        .map(AssetSnapshot::getSequenceNumber)
                        .orElse(newest);
        long firstYoung =
                snapshots.firstSequenceCommittedFrom(assetId, olderThan).orElse(Long.MAX_VALUE);
        long keepFrom = Math.min(Math.min(firstYoung, newest - retainLast + 1), current);
        int expired = snapshots.expireBefore(assetId, keepFrom);
        List<String> paths = new ArrayList<>();
        long bytes = 0;
        for (SegmentRepository.ForgottenFile file : segments.forgetRemovedThrough(assetId, keepFrom)) {
            paths.add(file.path());
            bytes += file.byteSize();
        }
        return new Expiry(expired, paths, bytes);
    }

    /**
     * One batch of the deletion of expired snapshot rows, in its own transaction (so that a catalog with millions of
     * them never holds one long transaction or its locks).
     *
     * @return rows deleted, fewer than {@code limit} when none are left
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int deleteExpiredSnapshots(Instant expiredBefore, int limit) {
        return snapshots.deleteExpired(expiredBefore, limit);
    }

    /** What expiry forgot: snapshots expired, segment files to delete after the commit. */
    public record Expiry(int snapshotsExpired, List<String> deletedPaths, long bytesDeleted) {}

    private DataAsset lock(UUID assetId) throws UnknownAssetException {
        return assets.findForUpdate(assetId).orElseThrow(() -> new UnknownAssetException("with id " + assetId));
    }

    private static String name(DataAsset asset) {
        return asset.getNamespace() + "." + asset.getName();
    }

    /** The asset's next snapshot, committed at {@code committedAt} (null: now), but never before the one it follows. */
    private AssetSnapshot next(
            DataAsset asset,
            SnapshotOperation operation,
            String summary,
            UUID jobId,
            Long executionId,
            Instant committedAt) {
        UUID parent = asset.getCurrentSnapshotId();
        AssetSnapshot previous = parent == null
                ? snapshots.findLatest(asset.getId()).orElse(null)
                : snapshots.find(parent).orElseThrow();
        AssetSnapshot snapshot = previous == null
                ? AssetSnapshot.first(asset.getId(), operation, summary, jobId, executionId)
                : AssetSnapshot.after(previous, operation, summary, jobId, executionId);
        if (committedAt != null) {
            snapshot.committedAt(
                    previous != null && previous.getCommittedAt().isAfter(committedAt)
                            ? previous.getCommittedAt()
                            : committedAt);
        }
        snapshots.add(snapshot);
        return snapshot;
    }

    private CommitResult record(
            DataAsset asset, StagedChanges changes, UUID jobId, Long executionId, Instant committedAt)
            throws SchemaMismatchException {
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        Set<String> names = new HashSet<>();
        for (ColumnSpec column : changes.addedColumns()) {
            var existing = schema.column(column.name());
            if (existing.isPresent() && !existing.get().type().equals(column.type())) {
                throw new SchemaMismatchException("column " + column.name() + " of asset " + name(asset) + " is "
                        + existing.get().type() + "; this write adds it as " + column.type());
            }
            if (existing.isEmpty() && names.add(column.name())) {
                schema = schema.plus(List.of(column));
            }
        }
        List<String> relaxed = new ArrayList<>();
        for (String name : changes.relaxedColumns()) {
            var column = schema.column(name);
            if (column.isPresent() && column.get().primaryKey()) {
                throw new SchemaMismatchException("column " + name + " of asset " + name(asset)
                        + " is part of the primary key and cannot become nullable");
            }
            if (column.isPresent() && !column.get().nullable()) {
                relaxed.add(name);
            }
        }
        schema = schema.relaxed(relaxed);
        if (!changes.deleteSegments().isEmpty() && schema.primaryKey().isEmpty()) {
            throw new SchemaMismatchException(
                    "asset " + name(asset) + " has no primary key, so rows cannot be deleted by key");
        }
        StagedSegmentColumns.requireFit(name(asset), schema, changes.dataSegments(), changes.deleteSegments());
        List<StagedSegment> data = changes.dataSegments();
        long rows = data.stream().mapToLong(StagedSegment::rowCount).sum();
        long bytes = data.stream().mapToLong(StagedSegment::byteSize).sum()
                + changes.deleteSegments().stream()
                        .mapToLong(StagedSegment::byteSize)
                        .sum();
        UUID parent = asset.getCurrentSnapshotId();
        List<WebmSegment> replaced =
                changes.replaceAll() && parent != null ? segments.findLiveAt(asset.getId(), parent) : List.of();
        long rowsRemoved = replaced.stream()
                .filter(g -> g.getKind() != SegmentKind.DELETES)
                .mapToLong(WebmSegment::getRowCount)
                .sum();
        long bytesRemoved =
                replaced.stream().mapToLong(WebmSegment::getByteSize).sum();
        List<ColumnSpec> added =
                schema.columns().stream().filter(c -> names.contains(c.name())).toList();
        ObjectNode summary = JSON.createObjectNode();
        summary.put("rowsAdded", rows);
        summary.put("rowsRemoved", rowsRemoved);
        summary.put("keysDeleted", changes.keysDeleted());
        summary.put("segmentsAdded", data.size() + changes.deleteSegments().size());
        summary.put("bytesAdded", bytes);
        var columns = summary.putArray("columnsAdded");
        added.forEach(c -> columns.add(c.name()));
        if (!relaxed.isEmpty()) {
            var nullable = summary.putArray("columnsMadeNullable");
            relaxed.forEach(nullable::add);
        }
        AssetSnapshot snapshot = next(asset, changes.operation(), summary.toString(), jobId, executionId, committedAt);
        replaced.forEach(segment -> segment.removedBy(snapshot.getId()));
        for (StagedSegment segment : data) {
            segments.add(
                    segment.addedBy(asset.getId(), snapshot.getId(), SegmentKind.DATA, snapshot.getSequenceNumber()));
        }
        for (StagedSegment segment : changes.deleteSegments()) {
            segments.add(segment.addedBy(
                    asset.getId(), snapshot.getId(), SegmentKind.DELETES, snapshot.getSequenceNumber()));
        }
        if (!added.isEmpty() || !relaxed.isEmpty()) {
            asset.setSchema(schema.toJson());
        }
        asset.commitSnapshot(
                snapshot.getId(),
                Math.max(0, asset.getRowCount() - rowsRemoved + rows),
                Math.max(0, asset.getByteSize() - bytesRemoved + bytes));
        return new CommitResult(snapshot.getId(), snapshot.getSequenceNumber(), rows, asset.getRowCount(), 1);
    }
}
