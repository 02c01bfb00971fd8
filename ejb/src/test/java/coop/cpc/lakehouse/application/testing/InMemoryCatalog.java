package coop.cpc.lakehouse.application.testing;

import coop.cpc.lakehouse.catalog.HistorySize;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.ReadWholeAsset;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.catalog.segment.SegmentCursor;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.DeletedSnapshotHistory;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog's repository ports in memory, with the JPA adapters' orderings (snapshots by sequence;
 * segments by the sequence of the snapshot that added them, then in the order added; runs newest
 * execution first): application services run on it without PostgreSQL. The rows are open so that a
 * test can arrange and inspect them directly.
 */
public final class InMemoryCatalog {
    public final Map<UUID, DataAsset> assetRows = new LinkedHashMap<>();
    public final Map<UUID, AssetSnapshot> snapshotRows = new LinkedHashMap<>();
    public final List<WebmSegment> segmentRows = new ArrayList<>();
    public final Map<UUID, IngestionJob> jobRows = new LinkedHashMap<>();
    public final List<IngestionRun> runRows = new ArrayList<>();
    public final List<StagedSegmentFile> stagedRows = new ArrayList<>();
    public final List<ReadWholeAsset> readWholeRows = new ArrayList<>();
    /**
     * Job-row locks and latest-run reads in the order they happened ("lock JOB_ID", "latest JOB_ID"): the fake cannot
     * make a second caller wait, but a test can check that a job is locked before its runs are looked at.
     */
    public final List<String> jobLocksAndRunReads = new ArrayList<>();
    /** The assets whose rows were locked ({@code findForUpdate}), in order. */
    public final List<UUID> assetLocks = java.util.Collections.synchronizedList(new ArrayList<>());
    /** What the deletion of expired snapshot rows recorded, per asset (a deleted parent stays named, unlike in SQL). */
    public final Map<UUID, DeletedSnapshotHistory> deletedHistoryRows = new LinkedHashMap<>();

    /**
     * Runs once in the next {@code lockAsReferenced}, before it looks: what commits while the real lock waits (a
     * deletion of the asset under way). The fake cannot make the caller wait, but it can let that happen first.
     */
    public volatile Runnable whileReferenceLockWaits;
    /** The assets locked as referenced ({@code lockAsReferenced}), in order. */
    public final List<UUID> referenceLocks = java.util.Collections.synchronizedList(new ArrayList<>());

    public final AssetRepository assets = new AssetRepository() {
        @Override
        public Optional<DataAsset> find(UUID id) {
            return Optional.ofNullable(assetRows.get(id));
        }

        @Override
        public Optional<DataAsset> findByName(String namespace, String name) {
            return assetRows.values().stream()
                    .filter(a ->
                            a.getNamespace().equals(namespace) && a.getName().equals(name))
                    .findFirst();
        }

        @Override
        public Map<UUID, Long> rowCounts(Collection<UUID> ids) {
            Map<UUID, Long> counts = new HashMap<>();
            for (UUID id : ids) {
                DataAsset asset = assetRows.get(id);
                if (asset != null) {
                    counts.put(id, asset.getRowCount());
                }
            }
            return counts;
        }

        @Override
        public Optional<DataAsset> findForUpdate(UUID id) {
            assetLocks.add(id);
            return find(id);
        }

        @Override
        public boolean lockAgainstReferences(UUID id) {
            return assetRows.containsKey(id);
        }

        @Override
        public boolean lockAsReferenced(UUID id) {
            referenceLocks.add(id);
            Runnable committing = whileReferenceLockWaits;
            if (committing != null) {
                whileReferenceLockWaits = null;
                committing.run();
            }
            return assetRows.containsKey(id);
        }

        @Override
        public List<DataAsset> page(
                String namespaceOrNull, List<String> tagsAllOf, AssetCursor afterOrNull, int limit) {
            return assetRows.values().stream().limit(limit).toList();
        }

        @Override
        public void add(DataAsset asset) {
            assetRows.put(asset.getId(), asset);
        }

        @Override
        public void remove(DataAsset asset) {
            assetRows.remove(asset.getId());
        }
    };

    public final SnapshotRepository snapshots = new SnapshotRepository() {
        @Override
        public Optional<AssetSnapshot> find(UUID id) {
            return Optional.ofNullable(snapshotRows.get(id));
        }

        @Override
        public List<AssetSnapshot> findByAsset(UUID assetId) {
            return snapshotRows.values().stream()
                    .filter(s -> s.getAssetId().equals(assetId))
                    .sorted(Comparator.comparingLong(AssetSnapshot::getSequenceNumber))
                    .toList();
        }

        @Override
        public List<AssetSnapshot> findInRange(UUID assetId, long afterSequence, long upToSequence) {
            return findByAsset(assetId).stream()
                    .filter(s -> s.getSequenceNumber() > afterSequence && s.getSequenceNumber() <= upToSequence)
                    .toList();
        }

        @Override
        public List<AssetSnapshot> findInRange(
                UUID assetId, long afterSequence, long upToSequence, int skip, int limit) {
            return findInRange(assetId, afterSequence, upToSequence).stream()
                    .skip(skip)
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<AssetSnapshot> findByAssets(Collection<UUID> assetIds, int newest, long itemBytes, long maxBytes) {
            HistorySize size = sizeOfNewest(assetIds, newest);
            return size.items() * itemBytes + size.textChars() > maxBytes ? List.of() : newestOf(assetIds, newest);
        }

        private List<AssetSnapshot> newestOf(Collection<UUID> assetIds, int newest) {
            return assetIds.stream()
                    .flatMap(id -> newest(findByAsset(id), newest))
                    .toList();
        }

        @Override
        public HistorySize sizeOfNewest(Collection<UUID> assetIds, int newest) {
            List<AssetSnapshot> found = newestOf(assetIds, newest);
            return new HistorySize(
                    found.size(),
                    found.stream().mapToLong(s -> s.getSummary().length()).sum());
        }

        @Override
        public List<AssetSnapshot> findBefore(SnapshotCursor before, int newest) {
            return newest(
                            findByAsset(before.assetId()).stream()
                                    .filter(s -> s.getSequenceNumber() < before.sequenceNumber())
                                    .toList(),
                            newest)
                    .toList();
        }

        @Override
        public int deleteExpired(Instant expiredBefore, int limit) {
            List<AssetSnapshot> doomed = snapshotRows.values().stream()
                    .filter(s -> s.isExpired() && s.getExpiredAt().isBefore(expiredBefore))
                    .filter(s -> segmentRows.stream()
                            .noneMatch(g -> g.getAddedSnapshotId().equals(s.getId())
                                    || s.getId().equals(g.getRemovedSnapshotId())))
                    .filter(s ->
                            assetRows.values().stream().noneMatch(a -> s.getId().equals(a.getCurrentSnapshotId())))
                    .sorted(Comparator.comparing(AssetSnapshot::getExpiredAt).thenComparing(AssetSnapshot::getId))
                    .limit(limit)
                    .toList();
            for (AssetSnapshot snapshot : doomed) {
                snapshotRows.remove(snapshot.getId());
                deletedHistoryRows.merge(
                        snapshot.getAssetId(),
                        new DeletedSnapshotHistory(
                                snapshot.getAssetId(), snapshot.getSequenceNumber(), snapshot.getCommittedAt(), 1),
                        (was, now) -> was.throughSequence() > now.throughSequence()
                                ? new DeletedSnapshotHistory(
                                        was.assetId(),
                                        was.throughSequence(),
                                        was.throughCommittedAt(),
                                        was.snapshotsDeleted() + 1)
                                : new DeletedSnapshotHistory(
                                        now.assetId(),
                                        now.throughSequence(),
                                        now.throughCommittedAt(),
                                        was.snapshotsDeleted() + 1));
            }
            return doomed.size();
        }

        @Override
        public Optional<DeletedSnapshotHistory> deletedHistory(UUID assetId) {
            return Optional.ofNullable(deletedHistoryRows.get(assetId));
        }

        @Override
        public Optional<AssetSnapshot> findLatest(UUID assetId) {
            List<AssetSnapshot> all = findByAsset(assetId);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        @Override
        public Optional<AssetSnapshot> findAsOf(UUID assetId, Instant instant) {
            return findByAsset(assetId).stream()
                    .filter(s -> !s.getCommittedAt().isAfter(instant))
                    .reduce((a, b) -> b);
        }

        @Override
        public void add(AssetSnapshot snapshot) {
            snapshotRows.put(snapshot.getId(), snapshot);
        }

        @Override
        public java.util.OptionalLong firstSequenceCommittedFrom(UUID assetId, Instant instant) {
            return findByAsset(assetId).stream()
                    .filter(s -> !s.getCommittedAt().isBefore(instant))
                    .mapToLong(AssetSnapshot::getSequenceNumber)
                    .min();
        }

        @Override
        public int expireBefore(UUID assetId, long sequence) {
            int expired = 0;
            for (AssetSnapshot snapshot : findByAsset(assetId)) {
                if (snapshot.getSequenceNumber() < sequence && !snapshot.isExpired()) {
                    snapshot.expire();
                    expired++;
                }
            }
            return expired;
        }
    };

    public final SegmentRepository segments = new SegmentRepository() {
        @Override
        public Optional<WebmSegment> find(UUID id) {
            return segmentRows.stream().filter(g -> g.getId().equals(id)).findFirst();
        }

        @Override
        public Optional<WebmSegment> findByPath(String path) {
            return segmentRows.stream().filter(g -> g.getPath().equals(path)).findFirst();
        }

        @Override
        public java.util.Set<String> knownPaths(java.util.Collection<String> paths) {
            return among(segmentRows.stream().map(WebmSegment::getPath), paths);
        }

        @Override
        public List<WebmSegment> findByAsset(UUID assetId) {
            return segmentRows.stream()
                    .filter(g -> g.getAssetId().equals(assetId))
                    .sorted(Comparator.comparingLong(g -> sequence(g.getAddedSnapshotId())))
                    .toList();
        }

        @Override
        public List<WebmSegment> findByAssets(Collection<UUID> assetIds, int newest, long itemBytes, long maxBytes) {
            HistorySize size = sizeOfNewest(assetIds, newest);
            return size.items() * itemBytes + size.textChars() > maxBytes ? List.of() : newestOf(assetIds, newest);
        }

        private List<WebmSegment> newestOf(Collection<UUID> assetIds, int newest) {
            return assetIds.stream()
                    .flatMap(id -> newest(findByAsset(id), newest))
                    .toList();
        }

        @Override
        public HistorySize sizeOfNewest(Collection<UUID> assetIds, int newest) {
            List<WebmSegment> found = newestOf(assetIds, newest);
            return new HistorySize(
                    found.size(),
                    found.stream()
                            .mapToLong(g -> g.getPath().length()
                                    + g.getColumnStatistics().length())
                            .sum());
        }

        @Override
        public List<WebmSegment> findAddedBefore(SegmentCursor before, int newest) {
            List<WebmSegment> all = findByAsset(before.assetId());
            int at = all.stream().map(WebmSegment::getId).toList().indexOf(before.segmentId());
            return at < 0 ? List.of() : newest(all.subList(0, at), newest).toList();
        }

        @Override
        public List<WebmSegment> findChangedInRange(UUID assetId, long afterSequence, long upToSequence) {
            return findByAsset(assetId).stream()
                    .filter(g -> inRange(sequence(g.getAddedSnapshotId()), afterSequence, upToSequence)
                            || (g.getRemovedSnapshotId() != null
                                    && inRange(sequence(g.getRemovedSnapshotId()), afterSequence, upToSequence)))
                    .toList();
        }

        @Override
        public long dataRowsAddedInRange(UUID assetId, long afterSequence, long upToSequence) {
            return findByAsset(assetId).stream()
                    .filter(g -> g.getKind() == SegmentKind.DATA)
                    .filter(g -> inRange(sequence(g.getAddedSnapshotId()), afterSequence, upToSequence))
                    .filter(g -> snapshotRows.get(g.getAddedSnapshotId()).getOperation() != SnapshotOperation.COMPACT)
                    .mapToLong(WebmSegment::getRowCount)
                    .sum();
        }

        private static boolean inRange(long sequence, long after, long upTo) {
            return sequence > after && sequence <= upTo;
        }

        @Override
        public List<WebmSegment> findLiveAt(UUID assetId, UUID snapshotId) {
            long at = sequence(snapshotId);
            return findByAsset(assetId).stream()
                    .filter(g -> sequence(g.getAddedSnapshotId()) <= at)
                    .filter(g -> g.getRemovedSnapshotId() == null || sequence(g.getRemovedSnapshotId()) > at)
                    .toList();
        }

        @Override
        public long countLiveAt(UUID assetId, UUID snapshotId) {
            return findLiveAt(assetId, snapshotId).size();
        }

        @Override
        public List<WebmSegment> findAddedBy(UUID snapshotId) {
            return segmentRows.stream()
                    .filter(g -> g.getAddedSnapshotId().equals(snapshotId))
                    .toList();
        }

        @Override
        public void add(WebmSegment segment) {
            segmentRows.add(segment);
        }

        @Override
        public void remove(WebmSegment segment) {
            segmentRows.remove(segment);
        }

        @Override
        public List<ForgottenFile> forgetRemovedThrough(UUID assetId, long sequence) {
            List<ForgottenFile> forgotten = new ArrayList<>();
            for (WebmSegment segment : findByAsset(assetId)) {
                AssetSnapshot removedBy = segment.getRemovedSnapshotId() == null
                        ? null
                        : snapshotRows.get(segment.getRemovedSnapshotId());
                if (removedBy != null
                        && removedBy.getAssetId().equals(assetId)
                        && removedBy.getSequenceNumber() <= sequence) {
                    forgotten.add(new ForgottenFile(segment.getPath(), segment.getByteSize()));
                    segmentRows.remove(segment);
                }
            }
            return forgotten;
        }
    };

    public final IngestionJobRepository jobs = new IngestionJobRepository() {
        @Override
        public Optional<IngestionJob> find(UUID id) {
            return Optional.ofNullable(jobRows.get(id));
        }

        @Override
        public Optional<IngestionJob> findForUpdate(UUID id) {
            jobLocksAndRunReads.add("lock " + id);
            return find(id);
        }

        @Override
        public List<IngestionJob> page(JobStatus statusOrNull, TimeOrderCursor afterOrNull, int limit) {
            return jobRows.values().stream().limit(limit).toList();
        }

        @Override
        public List<IngestionJob> findByTargetAsset(UUID assetId) {
            return jobRows.values().stream()
                    .filter(j -> assetId.equals(j.getTargetAssetId()))
                    .toList();
        }

        @Override
        public List<IngestionJob> findBySchedule(ScheduleKind schedule) {
            return jobRows.values().stream()
                    .filter(j -> j.getSchedule() == schedule)
                    .toList();
        }

        @Override
        public List<IngestionJob> findBySourceType(SourceType sourceType) {
            return jobRows.values().stream()
                    .filter(j -> j.getSourceType() == sourceType)
                    .toList();
        }

        @Override
        public void recordNextRun(UUID id, Instant nextRunAt) {
            find(id).ifPresent(job -> job.setNextRunAt(nextRunAt));
        }

        @Override
        public void add(IngestionJob job) {
            jobRows.put(job.getId(), job);
        }

        @Override
        public void remove(IngestionJob job) {
            jobRows.remove(job.getId());
        }
    };

    public final IngestionRunRepository runs = new IngestionRunRepository() {
        @Override
        public void add(IngestionRun run) {
            runRows.add(run);
        }

        @Override
        public Optional<IngestionRun> find(long executionId) {
            return runRows.stream()
                    .filter(r -> r.getExecutionId() == executionId)
                    .findFirst();
        }

        @Override
        public List<IngestionRun> findByJob(UUID jobId, int limit) {
            return runRows.stream()
                    .filter(r -> r.getJobId().equals(jobId))
                    .sorted(Comparator.comparingLong(IngestionRun::getExecutionId)
                            .reversed())
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<IngestionRun> search(
                UUID jobId, Instant from, Instant to, Long executionId, Long before, int limit) {
            return runRows.stream()
                    .filter(r -> jobId == null || r.getJobId().equals(jobId))
                    .filter(r -> from == null || !r.getStartedAt().isBefore(from))
                    .filter(r -> to == null || r.getStartedAt().isBefore(to))
                    .filter(r -> executionId == null || r.getExecutionId() == executionId)
                    .filter(r -> before == null || r.getExecutionId() < before)
                    .sorted(Comparator.comparingLong(IngestionRun::getExecutionId)
                            .reversed())
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<IngestionRun> findByInstance(long jobInstanceId) {
            return runRows.stream()
                    .filter(r -> r.getJobInstanceId() == jobInstanceId)
                    .toList();
        }

        @Override
        public boolean committed(long jobInstanceId) {
            return findByInstance(jobInstanceId).stream().anyMatch(r -> r.getCommittedAt() != null)
                    || snapshotRows.values().stream()
                            .anyMatch(s -> s.getSourceExecutionId() != null
                                    && findByInstance(jobInstanceId).stream()
                                            .anyMatch(r -> r.getExecutionId() == s.getSourceExecutionId()));
        }

        @Override
        public Optional<IngestionRun> latest(UUID jobId) {
            jobLocksAndRunReads.add("latest " + jobId);
            return findByJob(jobId, 1).stream().findFirst();
        }

        @Override
        public void stage(StagedSegmentFile file) {
            stagedRows.add(file);
        }

        @Override
        public List<StagedSegmentFile> staged(long jobInstanceId) {
            return stagedRows.stream()
                    .filter(f -> f.getJobInstanceId() == jobInstanceId)
                    .toList();
        }

        @Override
        public List<StagedSegmentFile> stagedOfOtherInstances(UUID jobId, long keepInstance) {
            return stagedRows.stream()
                    .filter(f -> f.getJobId().equals(jobId) && f.getJobInstanceId() != keepInstance)
                    .toList();
        }

        @Override
        public List<StagedSegmentFile> stagedForAsset(UUID assetId) {
            return stagedRows.stream()
                    .filter(f -> f.getAssetId().equals(assetId))
                    .toList();
        }

        @Override
        public java.util.Set<String> stagedAmong(java.util.Collection<String> paths) {
            return among(stagedRows.stream().map(StagedSegmentFile::getPath), paths);
        }

        @Override
        public java.util.Set<Long> executionsAmong(java.util.Collection<Long> executionIds) {
            return runRows.stream()
                    .map(IngestionRun::getExecutionId)
                    .filter(executionIds::contains)
                    .collect(java.util.stream.Collectors.toSet());
        }

        @Override
        public void flush() {}

        @Override
        public void unstage(List<StagedSegmentFile> files) {
            stagedRows.removeAll(files);
        }

        @Override
        public void readWhole(long jobInstanceId, UUID jobId, long executionId, Collection<UUID> assets) {
            List<UUID> recorded = readWhole(jobInstanceId);
            assets.stream()
                    .distinct()
                    .filter(asset -> !recorded.contains(asset))
                    .forEach(asset -> readWholeRows.add(new ReadWholeAsset(jobInstanceId, asset, jobId, executionId)));
        }

        @Override
        public List<UUID> readWhole(long jobInstanceId) {
            return readWholeRows.stream()
                    .filter(r -> r.getJobInstanceId() == jobInstanceId)
                    .map(ReadWholeAsset::getAssetId)
                    .toList();
        }

        @Override
        public void forgetReadWhole(long jobInstanceId) {
            readWholeRows.removeIf(r -> r.getJobInstanceId() == jobInstanceId);
        }

        @Override
        public Optional<String> jobRepositoryOwner() {
            return Optional.ofNullable(jobRepositoryOwner);
        }

        @Override
        public String claimJobRepository(String serverKind) {
            if (jobRepositoryOwner == null) {
                jobRepositoryOwner = serverKind;
            }
            return jobRepositoryOwner;
        }
    };

    /** The server kind that claimed the catalog's job repository (V9), or null. */
    public String jobRepositoryOwner;

    /** Adds an internal asset {@code namespace.name} of the given type and schema (its JSON); returns it. */
    public DataAsset addAsset(String namespace, String name, AssetType type, String schemaJson) {
        DataAsset asset = new DataAsset(namespace, name, type, Classification.INTERNAL, schemaJson);
        assets.add(asset);
        return asset;
    }

    private long sequence(UUID snapshotId) {
        return snapshotRows.get(snapshotId).getSequenceNumber();
    }

    /** The paths of {@code stored} that {@code asked} holds. */
    private static java.util.Set<String> among(
            java.util.stream.Stream<String> stored, java.util.Collection<String> asked) {
        return stored.filter(asked::contains).collect(java.util.stream.Collectors.toSet());
    }

    /** The last {@code count} of a list, in its order. */
    private static <T> java.util.stream.Stream<T> newest(List<T> all, int count) {
        return all.subList(Math.max(0, all.size() - count), all.size()).stream();
    }
}
