package coop.cpc.lakehouse.batch.table;

import coop.cpc.lakehouse.application.table.MaintenanceJobs;
import coop.cpc.lakehouse.batch.operator.RunningStatus;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import java.lang.management.ManagementFactory;
import java.util.Date;
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
        JobOperator operator = operator();
        try {
            long serverStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
            for (long execution : operator.getRunningExecutions(COMPACT_JOB)) {
                JobExecution state = operator.getJobExecution(execution);
                if (assetId.toString().equals(operator.getParameters(execution).getProperty(ASSET_ID))
                        && RunningStatus.isRunning(state.getBatchStatus())
                        && runsInThisServer(state.getCreateTime(), serverStarted)) {
                    return OptionalLong.of(execution);
                }
            }
        } catch (NoSuchJobException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * This runtime's operator. Its in-memory status of an execution says whether it runs: the repository's list of
     * running executions still holds one that has just ended.
     */
    protected JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /**
     * Whether an execution the job repository still lists as running can be running: one created before this
     * server started was cut off by a crash (kill -9, power loss) and will never end or commit, so it must not
     * stand in for a new compaction of its asset (one server per catalog, README).
     */
    static boolean runsInThisServer(Date created, long serverStartedMillis) {
        return created == null || created.getTime() >= serverStartedMillis;
    }

    @Override
    public long startSnapshotExpiry() {
        return BatchRuntime.getJobOperator().start(EXPIRE_JOB, new Properties());
    }
}
