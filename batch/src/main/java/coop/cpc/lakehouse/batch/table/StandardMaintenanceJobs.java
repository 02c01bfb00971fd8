package coop.cpc.lakehouse.batch.table;

import coop.cpc.lakehouse.application.table.MaintenanceJobs;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;

/**
 * {@link MaintenanceJobs} on the standard {@code JobOperator}: this module holds {@code compact-asset.xml}
 * and {@code expire-snapshots.xml}. Nothing here differs between JBeret and Open Liberty, so both jars
 * of this module package this one bean.
 */
@Stateless
public class StandardMaintenanceJobs implements MaintenanceJobs {
    static final String COMPACT_JOB = "compact-asset";
    static final String EXPIRE_JOB = "expire-snapshots";
    static final String ASSET_ID = "assetId";

    @Override
    public long startCompaction(UUID assetId) {
        Properties parameters = new Properties();
        parameters.setProperty(ASSET_ID, assetId.toString());
        return BatchRuntime.getJobOperator().start(COMPACT_JOB, parameters);
    }

    @Override
    public OptionalLong runningCompaction(UUID assetId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            for (long execution : operator.getRunningExecutions(COMPACT_JOB)) {
                if (assetId.toString().equals(operator.getParameters(execution).getProperty(ASSET_ID))) {
                    return OptionalLong.of(execution);
                }
            }
        } catch (NoSuchJobException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    @Override
    public long startSnapshotExpiry() {
        return BatchRuntime.getJobOperator().start(EXPIRE_JOB, new Properties());
    }
}
