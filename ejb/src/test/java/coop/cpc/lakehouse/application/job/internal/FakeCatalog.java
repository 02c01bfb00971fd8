package coop.cpc.lakehouse.application.job.internal;

import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobCursor;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The catalog's repositories the job service uses, in memory. */
final class FakeCatalog {
    final Map<UUID, IngestionJob> jobs = new LinkedHashMap<>();
    final List<IngestionRun> runs = new ArrayList<>();
    final List<StagedSegmentFile> staged = new ArrayList<>();
    final Map<UUID, DataAsset> assets = new LinkedHashMap<>();

    IngestionJobRepository jobRepository() {
        return new IngestionJobRepository() {
            @Override
            public Optional<IngestionJob> find(UUID id) {
                return Optional.ofNullable(jobs.get(id));
            }

            @Override
            public List<IngestionJob> page(JobStatus statusOrNull, JobCursor afterOrNull, int limit) {
                return jobs.values().stream().limit(limit).toList();
            }

            @Override
            public List<IngestionJob> findByTargetAsset(UUID assetId) {
                return jobs.values().stream()
                        .filter(j -> assetId.equals(j.getTargetAssetId()))
                        .toList();
            }

            @Override
            public List<IngestionJob> findBySchedule(ScheduleKind schedule) {
                return jobs.values().stream()
                        .filter(j -> j.getSchedule() == schedule)
                        .toList();
            }

            @Override
            public List<IngestionJob> findBySourceType(SourceType sourceType) {
                return jobs.values().stream()
                        .filter(j -> j.getSourceType() == sourceType)
                        .toList();
            }

            @Override
            public void add(IngestionJob job) {
                jobs.put(job.getId(), job);
            }

            @Override
            public void remove(IngestionJob job) {
                jobs.remove(job.getId());
            }
        };
    }

    IngestionRunRepository runRepository() {
        return new IngestionRunRepository() {
            @Override
            public void add(IngestionRun run) {
                runs.add(run);
            }

            @Override
            public Optional<IngestionRun> find(long executionId) {
                return runs.stream()
                        .filter(r -> r.getExecutionId() == executionId)
                        .findFirst();
            }

            @Override
            public List<IngestionRun> findByJob(UUID jobId, int limit) {
                return runs.stream()
                        .filter(r -> r.getJobId().equals(jobId))
                        .sorted(Comparator.comparingLong(IngestionRun::getExecutionId)
                                .reversed())
                        .limit(limit)
                        .toList();
            }

            @Override
            public List<IngestionRun> search(
                    UUID jobId, Instant from, Instant to, Long executionId, Long before, int limit) {
                return runs.stream()
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
                return runs.stream()
                        .filter(r -> r.getJobInstanceId() == jobInstanceId)
                        .toList();
            }

            @Override
            public Optional<IngestionRun> latest(UUID jobId) {
                return findByJob(jobId, 1).stream().findFirst();
            }

            @Override
            public void stage(StagedSegmentFile file) {
                staged.add(file);
            }

            @Override
            public List<StagedSegmentFile> staged(long jobInstanceId) {
                return staged.stream()
                        .filter(f -> f.getJobInstanceId() == jobInstanceId)
                        .toList();
            }

            @Override
            public List<StagedSegmentFile> stagedOfOtherInstances(UUID jobId, long keepInstance) {
                return staged.stream()
                        .filter(f -> f.getJobId().equals(jobId) && f.getJobInstanceId() != keepInstance)
                        .toList();
            }

            @Override
            public List<StagedSegmentFile> stagedForAsset(UUID assetId) {
                return staged.stream()
                        .filter(f -> f.getAssetId().equals(assetId))
                        .toList();
            }

            @Override
            public boolean isStaged(String path) {
                return staged.stream().anyMatch(f -> f.getPath().equals(path));
            }

            @Override
            public void flush() {}

            @Override
            public void unstage(List<StagedSegmentFile> files) {
                staged.removeAll(files);
            }
        };
    }

    AssetRepository assetRepository() {
        return new AssetRepository() {
            @Override
            public Optional<DataAsset> find(UUID id) {
                return Optional.ofNullable(assets.get(id));
            }

            @Override
            public Optional<DataAsset> findByName(String namespace, String name) {
                return assets.values().stream()
                        .filter(a -> a.getNamespace().equals(namespace)
                                && a.getName().equals(name))
                        .findFirst();
            }

            @Override
            public Optional<DataAsset> findForUpdate(UUID id) {
                return find(id);
            }

            @Override
            public boolean lockAgainstReferences(UUID id) {
                return assets.containsKey(id);
            }

            @Override
            public List<DataAsset> page(
                    String namespaceOrNull, List<String> tagsAllOf, AssetCursor afterOrNull, int limit) {
                return assets.values().stream().limit(limit).toList();
            }

            @Override
            public void add(DataAsset asset) {
                assets.put(asset.getId(), asset);
            }

            @Override
            public void remove(DataAsset asset) {
                assets.remove(asset.getId());
            }
        };
    }
}
