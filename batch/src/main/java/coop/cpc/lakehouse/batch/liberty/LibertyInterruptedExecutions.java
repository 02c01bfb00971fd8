package coop.cpc.lakehouse.batch.liberty;

import coop.cpc.lakehouse.batch.operator.InterruptedExecutionRegistry;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * The executions a server stop interrupted, read at start-up from Liberty's job repository. Liberty
 * keeps such executions as they are (it marks nothing at restart). It stores a batch status as the
 * ordinal of {@link BatchStatus} in {@code jobexecution.batchstatus} (schema {@code public}, no table
 * prefix, as server.xml's {@code BatchDatabaseStore} sets it).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // InterruptedExecutionRegistry: no lock around its update
@DependsOn("lakehouse-ejb.jar#CatalogStartup")
public class LibertyInterruptedExecutions extends InterruptedExecutionRegistry {
    public LibertyInterruptedExecutions() {
        super("public.jobexecution", "jobexecid", BatchStatus::ordinal, JobRepositoryConflict.OPEN_LIBERTY);
    }
}
