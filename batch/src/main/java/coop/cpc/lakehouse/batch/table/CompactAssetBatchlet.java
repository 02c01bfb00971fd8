package coop.cpc.lakehouse.batch.table;

import coop.cpc.lakehouse.application.table.CompactionResult;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.application.table.TableService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The step of the {@code compact-asset} job (the WebM encoding job): compacts one asset. Its exit status
 * says what it did: "COMPACTED n SEGMENTS INTO m" (with ", k KEPT" when it left k base segments as they were) or "NOTHING TO COMPACT". A run killed midway leaves only
 * uncommitted files, which the orphan cleanup removes; restarting it compacts anew. A compaction the segment folder
 * refused (another catalog's) fails with the exit status {@value #REFUSED} and the refusal's message.
 */
@Named("compactAssetBatchlet")
@Dependent
public class CompactAssetBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String assetId;

    @EJB
    TableService tables;

    @Inject
    JobContext job;

    static final String REFUSED = "REFUSED storage-not-owned: ";
    /** Exit statuses are stored in a bounded column. */
    private static final int MAX_EXIT_STATUS = 500;

    @Override
    public String process() throws Exception {
        CompactionResult result;
        try {
            result = tables.compact(UUID.fromString(assetId.trim()));
        } catch (RuntimeException e) {
            StorageNotOwnedException.causing(e).ifPresent(notOwned -> job.setExitStatus(refused(notOwned)));
            throw e;
        }
        return result.snapshotId() == null
                ? "NOTHING TO COMPACT"
                : "COMPACTED " + result.segmentsRead() + " SEGMENTS INTO " + result.segmentsWritten()
                        + (result.segmentsKept() > 0 ? ", " + result.segmentsKept() + " KEPT" : "");
    }

    /** The exit status of a compaction the segment folder refused: its message names the key and both catalog ids. */
    static String refused(StorageNotOwnedException notOwned) {
        String status = REFUSED + notOwned.getMessage();
        return status.length() > MAX_EXIT_STATUS ? status.substring(0, MAX_EXIT_STATUS - 1) + "…" : status;
    }
}
