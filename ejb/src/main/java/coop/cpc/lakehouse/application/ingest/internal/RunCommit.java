package coop.cpc.lakehouse.application.ingest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.ingest.RunOutcome;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.application.source.registry.SourceKinds;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Turns a run's staged segment files into snapshots, in the caller's ONE transaction: per target
 * asset a snapshot (the source kind's operation: APPEND or OVERWRITE), its segments, schema
 * evolution, a lineage edge from the source; the staged rows deleted; the run marked committed; the
 * job's status, counters and next start updated. An OVERWRITE source's run whose read reached the end
 * also overwrites, with no segments, each asset it read whole but staged nothing for: its extract is empty.
 * An asset with a primary key whose chunks repeat a key gets a snapshot per {@link KeyedCommitGroups group}
 * instead, in staging order (the first with the source kind's operation, the others APPEND): the later row of
 * a key is the current one, as an upsert's.
 */
final class RunCommit {
    private static final Logger LOG = Logger.getLogger(RunCommit.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestionRunRepository runs;
    private final LineageRepository lineage;
    private final TableCommits commits;
    private final SegmentFiles storage;
    private final LakehouseMetrics metrics;

    RunCommit(
            IngestionRunRepository runs,
            LineageRepository lineage,
            TableCommits commits,
            SegmentFiles storage,
            LakehouseMetrics metrics) {
        this.runs = runs;
        this.lineage = lineage;
        this.commits = commits;
        this.storage = storage;
        this.metrics = metrics;
    }

    RunOutcome commit(IngestionJob job, long jobInstanceId, long executionId, long rejected) throws Exception {
        SourceSettings source = SourceSettingsJson.read(job.getSourceConfig());
        SourceKind<SourceSettings> kind = SourceKinds.of(source);
        Map<UUID, List<StagedSegmentFile>> byAsset = new LinkedHashMap<>();
        for (StagedSegmentFile file : runs.staged(jobInstanceId)) {
            byAsset.computeIfAbsent(file.getAssetId(), a -> new ArrayList<>()).add(file);
        }
        // Every snapshot of the run commits at one time: a read as of a timestamp sees all of the run or none of it.
        Instant committedAt = CatalogTime.now();
        long rows = 0;
        long bytes = 0;
        int snapshots = 0;
        JsonNode nextRun = null;
        for (Map.Entry<UUID, List<StagedSegmentFile>> entry : byAsset.entrySet()) {
            List<StagedSegmentFile> files = entry.getValue();
            SnapshotOperation operation = kind.snapshotOperation();
            for (List<StagedSegmentFile> group : commitGroups(entry.getKey(), files)) {
                Set<ColumnSpec> added = new LinkedHashSet<>();
                List<StagedSegment> segments = new ArrayList<>();
                for (StagedSegmentFile file : group) {
                    added.addAll(SegmentStaging.readAddedColumns(file.getAddedColumns()));
                    segments.add(new StagedSegment(
                            file.getPath(),
                            file.getRowCount(),
                            file.getByteSize(),
                            file.getSha256(),
                            file.getColumnStatistics()));
                }
                commits.commitOnCurrent(
                        entry.getKey(), operation, List.copyOf(added), segments, job.getId(), executionId, committedAt);
                // The later groups add to what the first one wrote (an OVERWRITE has replaced the asset already).
                operation = SnapshotOperation.APPEND;
                snapshots++;
                rows += segments.stream().mapToLong(StagedSegment::rowCount).sum();
                bytes += segments.stream().mapToLong(StagedSegment::byteSize).sum();
            }
            StagedSourceState state =
                    StagedSourceState.read(files.get(files.size() - 1).getSourceState());
            lineage.add(new LineageEdge(
                    null,
                    state.sourceUri() == null ? "" : state.sourceUri(),
                    entry.getKey(),
                    Transformation.INGEST,
                    parameters(job, kind, jobInstanceId),
                    state.columnMappingsJson(),
                    job.getId(),
                    executionId,
                    job.getCreatedBy()));
            if (state.nextRun() != null) {
                nextRun = state.nextRun();
            }
            runs.unstage(files);
        }
        List<UUID> emptied = overwriteWithNothing(job, kind, jobInstanceId, executionId, byAsset.keySet(), committedAt);
        if (nextRun != null) {
            job.setSourceState(nextRun.toString());
        }
        // Also when nothing was committed (every record rejected): a file drop settling this run's claims after
        // a crash before its files moved must not read them again.
        markCommitted(jobInstanceId, executionId);
        job.finished(JobStatus.SUCCEEDED, rows, rejected);
        metrics.ingested(kind.type().name(), rows, bytes);
        List<UUID> written = new ArrayList<>(byAsset.keySet());
        written.addAll(emptied);
        return new RunOutcome(rows, snapshots + emptied.size(), rejected, executionId, written);
    }

    /**
     * The asset's staged files as they commit: one group, unless the asset has a primary key and a file
     * repeats a key of the files before it.
     */
    private List<List<StagedSegmentFile>> commitGroups(UUID assetId, List<StagedSegmentFile> files) throws Exception {
        if (files.size() < 2) {
            return List.of(files);
        }
        // Locked before it is read: commitOnCurrent locks it again in this transaction (see TableCommits.locked).
        AssetSchema schema = AssetSchema.fromJson(commits.locked(assetId).getSchema());
        List<Column> key = schema.primaryKey().stream()
                .map(k -> schema.column(k).orElseThrow())
                .map(c -> new Column(c.name(), c.type().toColumnar(), false))
                .toList();
        return key.isEmpty() ? List.of(files) : KeyedCommitGroups.of(files, key, storage::resolve);
    }

    /**
     * Marks the execution's run row committed. A restart whose read step had completed goes straight to this
     * commit step, and can get here before the transaction that records its row (RunControl, after launching it)
     * commits: then the newest recorded execution of the same job instance carries the mark, which is what a file
     * drop asks ({@link IngestionRunRepository#committed}, per job instance).
     */
    private void markCommitted(long jobInstanceId, long executionId) {
        Instant now = CatalogTime.now();
        Optional<IngestionRun> own = runs.find(executionId);
        if (own.isPresent()) {
            own.get().committed(now);
            return;
        }
        List<IngestionRun> recorded = runs.findByInstance(jobInstanceId);
        if (recorded.isEmpty()) {
            LOG.warning(() -> "Execution " + executionId + " of job instance " + jobInstanceId
                    + " committed before any run of it was recorded: its commit is known only by its snapshots");
            return;
        }
        recorded.get(recorded.size() - 1).committed(now);
    }

    /**
     * The assets the run read whole but staged no row for (the source had none, or rejected every one): for an
     * OVERWRITE kind each gets a snapshot with no segments, since the run read the whole extract and it is empty.
     * The commit forgets what the run read whole, so a commit step run again after a crash empties nothing.
     */
    private List<UUID> overwriteWithNothing(
            IngestionJob job,
            SourceKind<?> kind,
            long jobInstanceId,
            long executionId,
            Set<UUID> staged,
            Instant committedAt)
            throws Exception {
        List<UUID> readWhole = runs.readWhole(jobInstanceId);
        runs.forgetReadWhole(jobInstanceId);
        if (kind.snapshotOperation() != SnapshotOperation.OVERWRITE) {
            return List.of();
        }
        List<UUID> emptied = new ArrayList<>();
        for (UUID asset : readWhole) {
            if (!staged.contains(asset)) {
                commits.commitOnCurrent(
                        asset,
                        SnapshotOperation.OVERWRITE,
                        List.of(),
                        List.of(),
                        job.getId(),
                        executionId,
                        committedAt);
                emptied.add(asset);
            }
        }
        return emptied;
    }

    private static String parameters(IngestionJob job, SourceKind<?> kind, long jobInstanceId) {
        ObjectNode parameters = JSON.createObjectNode();
        parameters.put("job", job.getName());
        parameters.put("sourceType", kind.type().name());
        parameters.put("jobInstanceId", jobInstanceId);
        return parameters.toString();
    }
}
