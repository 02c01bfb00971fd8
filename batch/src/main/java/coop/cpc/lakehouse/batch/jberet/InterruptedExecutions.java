package coop.cpc.lakehouse.batch.jberet;

import coop.cpc.lakehouse.batch.operator.InterruptedExecutionRegistry;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * The executions a server stop interrupted, read at start-up from JBeret's own tables (its JDBC job
 * repository shares the catalog database, schema {@code public}, batch status stored by name), so it
 * lives here, with the rest of the batch runtime's adapter.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // InterruptedExecutionRegistry: no lock around its update
@DependsOn("lakehouse-ejb.jar#CatalogStartup")
public class InterruptedExecutions extends InterruptedExecutionRegistry {
    public InterruptedExecutions() {
        super("public.job_execution", "jobexecutionid", BatchStatus::name, JobRepositoryConflict.WILDFLY);
    }

    /** JBeret refuses to abandon an execution its repository says is STARTED, and restarts one without ending it. */
    @Override
    protected boolean endsInterruptedExecutions() {
        return true;
    }
}
