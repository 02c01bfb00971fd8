package coop.cpc.lakehouse.batch.liberty;

import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.RunParameters;
import coop.cpc.lakehouse.application.job.StartedExecution;
import coop.cpc.lakehouse.batch.jberet.JobParameters;
import coop.cpc.lakehouse.batch.jberet.StepMetrics;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The {@link JobRunner} port on Open Liberty's Jakarta Batch runtime, with the standard
 * {@code JobOperator} only. Liberty finds a job's XML through the calling module's class loader, so
 * this bean lives in the module that holds the job XMLs, as on WildFly. Unlike JBeret, Liberty's
 * {@code getRunningExecutions} throws {@link NoSuchJobException} for a job that never ran instead of
 * listing no executions; {@code getJobNames} is not consulted, because Liberty lists only the jobs
 * its repository has seen.
 */
@Stateless
public class LibertyJobRunner implements JobRunner {

    @EJB
    LibertyInterruptedExecutions interrupted;

    @Override
    public StartedExecution start(String jobName, RunParameters parameters) {
        JobOperator operator = BatchRuntime.getJobOperator();
        long execution = operator.start(jobName, JobParameters.of(parameters));
        return new StartedExecution(
                execution, operator.getJobInstance(execution).getInstanceId());
    }

    @Override
    public long restart(long executionId, RunParameters parameters) throws JobStateException {
        try {
            return BatchRuntime.getJobOperator().restart(executionId, JobParameters.of(parameters));
        } catch (JobExecutionNotMostRecentException e) {
            throw new JobStateException(
                    "execution " + executionId + " is not the latest of its run; restart the latest");
        } catch (JobRestartException e) {
            throw new JobStateException("execution " + executionId + " cannot be restarted: " + e.getMessage());
        }
    }

    @Override
    public void stop(long executionId) throws JobStateException {
        try {
            BatchRuntime.getJobOperator().stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new JobStateException("execution " + executionId + " is not running");
        }
    }

    @Override
    public ExecutionState execution(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution execution = operator.getJobExecution(executionId);
        return new ExecutionState(
                operator.getJobInstance(executionId).getInstanceId(),
                execution.getBatchStatus().name(),
                execution.getExitStatus(),
                instant(execution.getStartTime()),
                instant(execution.getEndTime()),
                StepMetrics.steps(operator, executionId));
    }

    @Override
    public void abandon(long executionId) throws JobStateException {
        try {
            BatchRuntime.getJobOperator().abandon(executionId);
        } catch (JobExecutionIsRunningException e) {
            throw new JobStateException("execution " + executionId + " is running; stop it before abandoning it");
        }
    }

    @Override
    public List<Long> runningExecutions(String jobName) {
        try {
            return BatchRuntime.getJobOperator().getRunningExecutions(jobName).stream()
                    .filter(id -> !interrupted.isInterrupted(id))
                    .toList();
        } catch (NoSuchJobException e) {
            return List.of();
        }
    }

    @Override
    public boolean isInterrupted(long executionId) {
        return interrupted.isInterrupted(executionId);
    }

    @Override
    public void restarted(long executionId) {
        interrupted.restarted(executionId);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
