package coop.cpc.lakehouse.batch.liberty;

import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.batch.operator.InterruptedExecutionRegistry;
import coop.cpc.lakehouse.batch.operator.StandardJobRunner;
import coop.cpc.lakehouse.batch.operator.StepMetrics;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;

/**
 * The {@link JobRunner} port on Open Liberty's Jakarta Batch runtime, with the standard
 * {@code JobOperator} only. Liberty finds a job's XML through the calling module's class loader, so
 * this bean lives in the module that holds the job XMLs, as on WildFly. It names {@link JobRunner}
 * again because a session bean's business interfaces are those its own class implements.
 */
@Stateless
public class LibertyJobRunner extends StandardJobRunner implements JobRunner {

    @Override
    public String serverKind() {
        return JobRepositoryConflict.OPEN_LIBERTY;
    }

    @EJB
    LibertyInterruptedExecutions interrupted;

    @Override
    protected InterruptedExecutionRegistry interrupted() {
        return interrupted;
    }

    /**
     * Liberty's runtime adds every item its reader was asked for to the step's read count, a rejected record (a
     * read skip) included, and counts it as filtered too (read but not written); JBeret counts neither.
     */
    @Override
    protected StepMetrics.ReadSkips readSkips() {
        return StepMetrics.ReadSkips.COUNTED_AS_READ;
    }

    /**
     * Unlike JBeret, Liberty's {@code getRunningExecutions} throws {@link NoSuchJobException} for a job
     * that never ran instead of listing no executions; {@code getJobNames} is not consulted, because
     * Liberty lists only the jobs its repository has seen.
     */
    @Override
    protected List<Long> runningOnRuntime(String jobName) {
        try {
            return BatchRuntime.getJobOperator().getRunningExecutions(jobName);
        } catch (NoSuchJobException e) {
            return List.of();
        }
    }
}
