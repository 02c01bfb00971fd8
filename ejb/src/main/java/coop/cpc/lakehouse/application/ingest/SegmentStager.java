package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.ingest.source.PullSource;
import coop.cpc.lakehouse.application.table.SchemaEvolution;
import coop.cpc.lakehouse.application.table.FilesAfterTransaction;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.columnar.Column;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The writer of every ingestion job: each chunk's rows become one segment file per target asset
 * (written, forced to disk and renamed into place), recorded in {@code staged_segments} in the chunk's
 * transaction, the one that also saves the reader's checkpoint. A chunk that rolls back leaves only
 * an orphan file; a restart resumes exactly after the staged chunks.
 */
@Named("segmentStager")
@Dependent
public class SegmentStager extends AbstractItemWriter {

    @Inject
    LakehouseMetrics metrics;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DELETED_TARGET = "the target asset was deleted during the run; nothing was committed";

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    AssetRepository assets;

    @Inject
    IngestionRunRepository runs;

    @Inject
    SegmentFiles files;

    @Inject
    FilesAfterTransaction filesAfterTransaction;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        Map<UUID, List<IngestRow>> byAsset = new LinkedHashMap<>();
        for (Object item : items) {
            IngestRow row = (IngestRow) item;
            if (row == IngestRow.NOTHING) {
                continue;
            }
            byAsset.computeIfAbsent(row.assetId(), a -> new ArrayList<>()).add(row);
        }
        PullSource source = (PullSource) step.getTransientUserData();
        UUID jobId = RunParameters.jobId(job.getProperties());
        try {
            for (Map.Entry<UUID, List<IngestRow>> entry : byAsset.entrySet()) {
                stage(jobId, entry.getKey(), entry.getValue(), source);
            }
        } catch (Exception e) {
            throw RunFailures.explain(job, "cannot write the rows", e);
        }
    }

    private void stage(UUID jobId, UUID assetId, List<IngestRow> rows, PullSource source) throws Exception {
        DataAsset asset = assets.find(assetId).orElseThrow(
                () -> new IllegalStateException(DELETED_TARGET));
        String name = asset.getNamespace() + "." + asset.getName();
        List<Column> columns = rows.get(0).columns();
        SchemaEvolution plan = SchemaEvolution.plan(name, AssetSchema.fromJson(asset.getSchema()), columns);
        List<Object[]> arranged = new ArrayList<>(rows.size());
        for (IngestRow row : rows) {
            if (row.columns() != columns && !row.columns().equals(columns)) {
                throw new IllegalStateException("rows of one chunk for " + name + " have different columns");
            }
            arranged.add(plan.arrange(row.values()));
        }
        StagedSegment segment = files.write(asset.getNamespace(), asset.getName(), plan.target().toColumnar(), arranged);
        metrics.segmentWritten(segment.byteSize());
        // A chunk that rolls back (the asset deleted meanwhile, a failed commit) must not leave its file behind.
        filesAfterTransaction.deleteAfterRollback(List.of(segment.path()));
        try {
            runs.stage(new StagedSegmentFile(segment.path(), job.getInstanceId(), jobId, assetId, addedColumns(plan.added()),
                    segment.rowCount(), segment.byteSize(), segment.sha256(), segment.columnStatisticsJson(),
                    sourceState(source, assetId)));
            // Now, not at commit: an asset deleted since the look-up above fails here, with a clear message.
            runs.flush();
        } catch (RuntimeException e) {
            if (isDeletedAsset(e)) {
                throw new IllegalStateException(DELETED_TARGET);
            }
            throw e;
        }
    }

    /** A staged segment refused because its asset row is gone (foreign key violation, SQLSTATE 23503). */
    static boolean isDeletedAsset(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("staged_segments_asset_fk")) {
                return true;
            }
        }
        return false;
    }

    /** The "columns" array of the catalog's schema JSON: {@link #readAddedColumns} reads it back. */
    static String addedColumns(List<ColumnSpec> added) throws Exception {
        return JSON.readTree(new AssetSchema(added).toJson()).get("columns").toString();
    }

    static List<ColumnSpec> readAddedColumns(String json) {
        return AssetSchema.fromJson("{\"columns\":" + json + "}").columns();
    }

    /** What the commit needs from the source: its URI and column mapping (lineage) and the next run's start. */
    static String sourceState(PullSource source, UUID assetId) {
        ObjectNode state = JSON.createObjectNode();
        state.put("sourceUri", source.sourceUri(assetId));
        ArrayNode mappings = source.columnMappings(assetId);
        state.set("columnMappings", mappings == null ? JSON.createArrayNode() : mappings);
        if (source.nextRunState() != null) {
            state.set("nextRun", source.nextRunState());
        }
        return state.toString();
    }
}
