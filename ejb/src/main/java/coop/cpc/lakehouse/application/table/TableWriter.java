package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.SchemaException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Appends rows to an asset: fits them to its schema, writes the segment files, then commits them
 * in one catalog transaction, retrying when a concurrent writer moved the asset first. Files of a
 * write that does not commit are deleted. Runs outside a transaction: each commit attempt is its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TableWriter {

    @Inject
    LakehouseMetrics metrics;
    static final int MAX_ATTEMPTS = 8;
    static final int MAX_ROWS_PER_SEGMENT = 1_048_576;
    private static final Logger LOG = Logger.getLogger(TableWriter.class.getName());

    @EJB
    TableCommits commits;

    @Inject
    SegmentFiles files;

    /**
     * Appends rows sent as text (values in the format's text form, see coop.cpc.lakehouse.columnar.Values):
     * the columns are checked (names, types, no repeats, the asset's column cap counting the columns it
     * already has) before any value is parsed or any file written; every refusal is audited like the write.
     */
    @Audited(action = AuditAction.WRITE, resource = "table")
    public CommitResult appendText(UUID assetId, List<IncomingColumn> columns, List<List<String>> rows)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        List<Column> incoming = TextRows.columns(columns);
        if (rows == null || rows.size() > TextRows.MAX_ROWS) {
            throw new InvalidInputException("at most " + TextRows.MAX_ROWS + " rows per appendRows, not "
                    + (rows == null ? 0 : rows.size()));
        }
        DataAsset asset = commits.current(assetId);
        SchemaEvolution plan = SchemaEvolution.plan(asset.getNamespace() + "." + asset.getName(),
                AssetSchema.fromJson(asset.getSchema()), incoming);
        return write(asset, plan, TextRows.values(incoming, rows), null, null);
    }

    /**
     * @param columns the incoming columns, in the order of each row's values
     * @param rows    values of the format's Java types (see coop.cpc.lakehouse.columnar.Values)
     */
    @Audited(action = AuditAction.WRITE, resource = "table")
    public CommitResult append(UUID assetId, List<Column> columns, List<Object[]> rows, UUID jobId, Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        if (rows.isEmpty()) {
            throw new InvalidInputException("no rows to append");
        }
        DataAsset asset = commits.current(assetId);
        String name = asset.getNamespace() + "." + asset.getName();
        SchemaEvolution plan = SchemaEvolution.plan(name, AssetSchema.fromJson(asset.getSchema()), columns);
        return write(asset, plan, rows, jobId, executionId);
    }

    /** Writes the segment files, then commits them; the files of a write that does not commit are deleted, whatever failed. */
    private CommitResult write(DataAsset asset, SchemaEvolution plan, List<Object[]> rows, UUID jobId, Long executionId)
            throws UnknownAssetException, InvalidInputException, SchemaMismatchException, CommitConflictException {
        UUID assetId = asset.getId();
        List<StagedSegment> staged = new ArrayList<>();
        boolean committed = false;
        try {
            stage(asset, plan, rows, staged);
            for (int attempt = 1; ; attempt++) {
                UUID parent = commits.current(assetId).getCurrentSnapshotId();
                long asked = System.nanoTime();
                try {
                    CommitResult result = commits.commit(assetId, parent, SnapshotOperation.APPEND, plan.added(), staged,
                            jobId, executionId, attempt);
                    committed = true;
                    metrics.commitTook(System.nanoTime() - asked);
                    return result;
                } catch (CommitConflictException e) {
                    metrics.casRetry();
                    if (attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                    LOG.fine(() -> e.getMessage() + "; retrying");
                }
            }
        } finally {
            if (!committed) {
                discard(staged);
            }
        }
    }

    private void stage(DataAsset asset, SchemaEvolution plan, List<Object[]> rows, List<StagedSegment> staged)
            throws InvalidInputException {
        try {
            for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_SEGMENT) {
                List<Object[]> arranged = new ArrayList<>();
                for (Object[] row : rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_SEGMENT))) {
                    arranged.add(plan.arrange(row));
                }
                StagedSegment written = files.write(asset.getNamespace(), asset.getName(), plan.target().toColumnar(), arranged);
                metrics.segmentWritten(written.byteSize());
                staged.add(written);
            }
        } catch (SchemaException e) {
            throw new InvalidInputException("rows do not fit the schema of " + asset.getNamespace() + "." + asset.getName()
                    + ": " + e.getMessage());
        } catch (ClassCastException e) {
            throw new InvalidInputException("a value does not have its column's type in the rows for "
                    + asset.getNamespace() + "." + asset.getName());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a segment of " + asset.getNamespace() + "." + asset.getName(), e);
        }
    }

    private void discard(List<StagedSegment> staged) {
        for (StagedSegment segment : staged) {
            try {
                files.delete(segment);
            } catch (IOException e) {
                LOG.warning(() -> "Cannot delete the uncommitted segment " + segment.path() + ": " + e.getMessage()
                        + " (orphan cleanup will)");
            }
        }
    }
}
