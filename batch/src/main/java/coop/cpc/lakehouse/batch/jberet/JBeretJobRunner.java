package coop.cpc.lakehouse.batch.jberet;

import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.batch.operator.InterruptedExecutionRegistry;
import coop.cpc.lakehouse.batch.operator.StandardJobRunner;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;

/**
 * The {@link JobRunner} port on the server's Jakarta Batch runtime (JBeret on WildFly). It lives in
 * this module because WildFly resolves job XMLs per deployment module: the operator obtained here
 * knows the jobs of this module's META-INF/batch-jobs. It names {@link JobRunner} again because a
 * session bean's business interfaces are those its own class implements, not its superclass's.
 */
@Stateless
public class JBeretJobRunner extends StandardJobRunner implements JobRunner {

    @Override
    public String serverKind() {
        return JobRepositoryConflict.WILDFLY;
    }

    @EJB
    InterruptedExecutions interrupted;

    @Override
    protected InterruptedExecutionRegistry interrupted() {
        return interrupted;
    }

    /** A job JBeret does not list in {@code getJobNames} (one that never ran) has no running executions. */
    @Override
    protected List<Long> runningOnRuntime(String jobName) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            return operator.getJobNames().contains(jobName) ? operator.getRunningExecutions(jobName) : List.of();
        } catch (NoSuchJobException e) {
            // The run history purge removed the job's last instance between the two calls.
            return List.of();
        }
    }
}
