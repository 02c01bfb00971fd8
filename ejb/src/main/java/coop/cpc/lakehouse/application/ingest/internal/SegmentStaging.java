package coop.cpc.lakehouse.application.ingest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.application.table.FilesAfterTransaction;
import coop.cpc.lakehouse.application.table.SchemaEvolution;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.columnar.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stages a chunk's rows: one segment file per target asset (written, forced to disk and renamed into
 * place), recorded in {@code staged_segments} in the chunk's transaction, the one that also saves
 * the reader's checkpoint. A chunk that rolls back leaves only an orphan file, deleted after the
 * rollback.
 */
final class SegmentStaging {
    static final String DELETED_TARGET = "the target asset was deleted during the run; nothing was committed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AssetRepository assets;
    private final IngestionRunRepository runs;
    private final SegmentFiles files;
    private final FilesAfterTransaction filesAfterTransaction;
    private final LakehouseMetrics metrics;

    SegmentStaging(
            AssetRepository assets,
            IngestionRunRepository runs,
            SegmentFiles files,
            FilesAfterTransaction filesAfterTransaction,
            LakehouseMetrics metrics) {
        this.metrics = metrics;
        this.assets = assets;
        this.runs = runs;
        this.files = files;
        this.filesAfterTransaction = filesAfterTransaction;
    }

    void stage(UUID jobId, long jobInstanceId, List<IngestRow> rows, SourceReader source) throws Exception {
        Map<UUID, List<IngestRow>> byAsset = new LinkedHashMap<>();
        for (IngestRow row : rows) {
            if (row != IngestRow.NOTHING) {
                byAsset.computeIfAbsent(row.assetId(), a -> new ArrayList<>()).add(row);
            }
        }
        for (Map.Entry<UUID, List<IngestRow>> entry : byAsset.entrySet()) {
            stage(jobId, jobInstanceId, entry.getKey(), entry.getValue(), source);
        }
    }

    private void stage(UUID jobId, long jobInstanceId, UUID assetId, List<IngestRow> rows, SourceReader source)
            throws Exception {
        DataAsset asset = assets.find(assetId).orElseThrow(() -> new IllegalStateException(DELETED_TARGET));
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
        StagedSegment segment =
                files.write(asset.getNamespace(), asset.getName(), plan.target().toColumnar(), arranged);
        metrics.segmentWritten(segment.byteSize());
        // A chunk that rolls back (the asset deleted meanwhile, a failed commit) must not leave its file behind.
        filesAfterTransaction.deleteAfterRollback(List.of(segment.path()));
        try {
            runs.stage(new StagedSegmentFile(
                    segment.path(),
                    jobInstanceId,
                    jobId,
                    assetId,
                    addedColumns(plan.added()),
                    segment.rowCount(),
                    segment.byteSize(),
                    segment.sha256(),
                    segment.columnStatisticsJson(),
                    StagedSourceState.of(source, assetId).toJson()));
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
            if (t instanceof java.sql.SQLException sql
                    && "23503".equals(sql.getSQLState())
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
}
