package coop.cpc.lakehouse.batch.table;

import coop.cpc.lakehouse.application.table.CompactionResult;
import coop.cpc.lakehouse.application.table.TableService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The step of the {@code compact-asset} job (the WebM encoding job): compacts one asset. Its exit status
 * says what it did: "COMPACTED n SEGMENTS INTO m" or "NOTHING TO COMPACT". A run killed midway leaves only
 * uncommitted files, which the orphan cleanup removes; restarting it compacts anew.
 */
@Named("compactAssetBatchlet")
@Dependent
public class CompactAssetBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String assetId;

    @EJB
    TableService tables;

    @Override
    public String process() throws Exception {
        CompactionResult result = tables.compact(UUID.fromString(assetId.trim()));
        return result.snapshotId() == null
                ? "NOTHING TO COMPACT"
                : "COMPACTED " + result.segmentsRead() + " SEGMENTS INTO " + result.segmentsWritten();
    }
}
