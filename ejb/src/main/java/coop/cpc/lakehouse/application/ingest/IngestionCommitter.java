package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.ingest.source.FileDropPull;
import coop.cpc.lakehouse.application.ingest.source.SourceDefinitions;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a run's staged segment files into snapshots, in ONE transaction: per target asset a snapshot
 * (APPEND, or OVERWRITE for sources every run reads whole), its segments, schema evolution, a lineage
 * edge from the source; the staged rows deleted; the job's status, counters and next start updated.
 */
@Stateless
public class IngestionCommitter {

    @Inject
    LakehouseMetrics metrics;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestionRunRepository runs;

    @Inject
    IngestionJobRepository jobs;

    @Inject
    LineageRepository lineage;

    @Inject
    LakehouseSettings settings;

    @EJB
    TableCommits commits;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @Audited(action = AuditAction.WRITE, resource = "ingestion_run")
    public RunOutcome commit(UUID jobId, long jobInstanceId, long executionId) throws Exception {
        IngestionJob job = jobs.find(jobId).orElseThrow(() -> new IllegalStateException("ingestion job " + jobId + " is gone"));
        SourceDefinition source = SourceDefinitions.read(job.getSourceConfig());
        SnapshotOperation operation = SourceDefinitions.snapshotOperation(source);
        Map<UUID, List<StagedSegmentFile>> byAsset = new LinkedHashMap<>();
        for (StagedSegmentFile file : runs.staged(jobInstanceId)) {
            byAsset.computeIfAbsent(file.getAssetId(), a -> new ArrayList<>()).add(file);
        }
        long rows = 0;
        long bytes = 0;
        JsonNode nextRun = null;
        for (Map.Entry<UUID, List<StagedSegmentFile>> entry : byAsset.entrySet()) {
            List<StagedSegmentFile> files = entry.getValue();
            Set<ColumnSpec> added = new LinkedHashSet<>();
            List<StagedSegment> segments = new ArrayList<>();
            for (StagedSegmentFile file : files) {
                added.addAll(SegmentStager.readAddedColumns(file.getAddedColumns()));
                segments.add(new StagedSegment(file.getPath(), file.getRowCount(), file.getByteSize(), file.getSha256(),
                        file.getColumnStatistics()));
            }
            commits.commitOnCurrent(entry.getKey(), operation, List.copyOf(added), segments, jobId, executionId);
            JsonNode state = JSON.readTree(files.get(files.size() - 1).getSourceState());
            lineage.add(new LineageEdge(null, state.path("sourceUri").asText(), entry.getKey(), Transformation.INGEST,
                    parameters(job, source, jobInstanceId), state.path("columnMappings").toString(), jobId, executionId,
                    job.getCreatedBy()));
            if (state.has("nextRun")) {
                nextRun = state.get("nextRun");
            }
            rows += segments.stream().mapToLong(StagedSegment::rowCount).sum();
            bytes += segments.stream().mapToLong(StagedSegment::byteSize).sum();
            runs.unstage(files);
        }
        if (nextRun != null) {
            job.setSourceState(nextRun.toString());
        }
        long rejected = rejected(jobInstanceId);
        job.finished(JobStatus.SUCCEEDED, rows, rejected);
        metrics.ingested(job.getSourceType().name(), rows, bytes);
        return new RunOutcome(rows, byAsset.size(), rejected);
    }

    /** After the commit's transaction: a file drop moves the files it read to processed/. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void afterCommit(UUID jobId, long jobInstanceId) throws Exception {
        IngestionJob job = jobs.find(jobId).orElseThrow();
        if (SourceDefinitions.read(job.getSourceConfig()) instanceof FileDropSource drop) {
            FileDropPull.markClaimedFilesProcessed(drop, settings, jobInstanceId);
        }
    }

    /** Records skipped over every execution of the run (a restart counts on from the checkpoint). */
    private long rejected(long jobInstanceId) {
        long skipped = 0;
        for (IngestionRun run : runs.findByInstance(jobInstanceId)) {
            for (StepExecution step : BatchRuntime.getJobOperator().getStepExecutions(run.getExecutionId())) {
                for (Metric metric : step.getMetrics()) {
                    if (metric.getType() == Metric.MetricType.READ_SKIP_COUNT
                            || metric.getType() == Metric.MetricType.PROCESS_SKIP_COUNT
                            || metric.getType() == Metric.MetricType.WRITE_SKIP_COUNT) {
                        skipped += metric.getValue();
                    }
                }
            }
        }
        return skipped;
    }

    private static String parameters(IngestionJob job, SourceDefinition source, long jobInstanceId) {
        ObjectNode parameters = JSON.createObjectNode();
        parameters.put("job", job.getName());
        parameters.put("sourceType", source.type().name());
        parameters.put("jobInstanceId", jobInstanceId);
        return parameters.toString();
    }
}
