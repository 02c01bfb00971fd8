package coop.cpc.lakehouse.application.ingest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.ingest.IngestRow;
import coop.cpc.lakehouse.application.ingest.PreparedSegment;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.application.table.FilesAfterTransaction;
import coop.cpc.lakehouse.application.table.SchemaEvolution;
import coop.cpc.lakehouse.application.table.SegmentWritePipeline.SegmentWrite;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.internal.RowKey;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stages a chunk's rows: one segment file per target asset ({@link #prepare}d in the chunk's
 * transaction, written, forced to disk and renamed into place by a {@link
 * coop.cpc.lakehouse.application.table.SegmentWritePipeline} while the source reads on), then
 * {@link #record}ed in {@code staged_segments} in the transaction that also saves the checkpoint
 * after that chunk. A chunk that rolls back leaves only orphan files, deleted after the rollback.
 */
final class SegmentStaging {
    static final String DELETED_TARGET = "the target asset was deleted during the run; nothing was committed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AssetRepository assets;
    private final IngestionRunRepository runs;
    private final FilesAfterTransaction filesAfterTransaction;
    private final LakehouseMetrics metrics;

    SegmentStaging(
            AssetRepository assets,
            IngestionRunRepository runs,
            FilesAfterTransaction filesAfterTransaction,
            LakehouseMetrics metrics) {
        this.metrics = metrics;
        this.assets = assets;
        this.runs = runs;
        this.filesAfterTransaction = filesAfterTransaction;
    }

    /**
     * Splits a chunk's rows by target asset and arranges each share in its asset's schema (evolved as
     * the rows need): one segment write each, with what to record of the source as it is now. For an asset
     * with a primary key a key is written once: its last row of the chunk.
     */
    List<PreparedSegment> prepare(List<IngestRow> rows, SourceReader source) throws Exception {
        Map<UUID, List<IngestRow>> byAsset = new LinkedHashMap<>();
        for (IngestRow row : rows) {
            if (row != IngestRow.NOTHING) {
                byAsset.computeIfAbsent(row.assetId(), a -> new ArrayList<>()).add(row);
            }
        }
        List<PreparedSegment> prepared = new ArrayList<>(byAsset.size());
        for (Map.Entry<UUID, List<IngestRow>> entry : byAsset.entrySet()) {
            prepared.add(prepare(entry.getKey(), entry.getValue(), source));
        }
        return prepared;
    }

    private PreparedSegment prepare(UUID assetId, List<IngestRow> rows, SourceReader source) throws Exception {
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
        Schema target = plan.target().toColumnar();
        List<Column> key = plan.target().primaryKey().stream()
                .map(k -> target.column(target.ordinal(k)))
                .toList();
        if (!key.isEmpty()) {
            arranged = lastRowPerKey(arranged, key, RowKey.positions(key, target.columns()));
        }
        return new PreparedSegment(
                assetId,
                new SegmentWrite(
                        asset.getNamespace(),
                        asset.getName(),
                        target,
                        arranged,
                        SortOrder.of(target, asset.getSortOrder())),
                addedColumns(plan.added()),
                StagedSourceState.of(source, assetId).toJson());
    }

    /**
     * The rows with each key once, holding the values of its last row at the place of its first (as an upsert of
     * the rows one after another would leave them): one data sequence may hold a key only once.
     *
     * @param positions where each key column is in a row
     * @return {@code rows} itself when no key repeats
     */
    static List<Object[]> lastRowPerKey(List<Object[]> rows, List<Column> keyColumns, int[] positions) {
        Map<Object, Integer> placeOf = new HashMap<>(rows.size() * 2);
        List<Object[]> kept = null;
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            Integer place = placeOf.putIfAbsent(RowKey.of(keyColumns, row, positions), placeOf.size());
            if (place != null && kept == null) {
                kept = new ArrayList<>(rows.subList(0, r));
            }
            if (kept != null) {
                if (place == null) {
                    kept.add(row);
                } else {
                    kept.set(place, row);
                }
            }
        }
        return kept == null ? rows : kept;
    }

    /**
     * Before any segment of a chunk is recorded: a chunk whose transaction rolls back (the asset
     * deleted meanwhile, a failed commit) must not leave its files behind.
     */
    void deleteAfterRollback(List<StagedSegment> segments) {
        filesAfterTransaction.deleteAfterRollback(
                segments.stream().map(StagedSegment::path).toList());
    }

    /** Records a written segment in {@code staged_segments}, in the chunk's transaction. */
    void record(UUID jobId, long jobInstanceId, PreparedSegment prepared, StagedSegment segment) {
        metrics.segmentWritten(segment.byteSize());
        try {
            runs.stage(new StagedSegmentFile(
                    segment.path(),
                    jobInstanceId,
                    jobId,
                    prepared.assetId(),
                    prepared.addedColumns(),
                    segment.rowCount(),
                    segment.byteSize(),
                    segment.sha256(),
                    segment.columnStatisticsJson(),
                    prepared.sourceState()));
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
