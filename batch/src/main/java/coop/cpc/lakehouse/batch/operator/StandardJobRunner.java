package coop.cpc.lakehouse.batch.operator;

import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.RunParameters;
import coop.cpc.lakehouse.application.job.StartedExecution;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The {@link JobRunner} port on the standard {@code JobOperator}, the same on every Jakarta Batch
 * runtime. A subclass is the session bean of one runtime: it names its {@link InterruptedExecutionRegistry}
 * and says which executions of a job are running, where runtimes differ.
 */
public abstract class StandardJobRunner implements JobRunner {

    /** The start-up singleton that knows which executions a server stop interrupted. */
    protected abstract InterruptedExecutionRegistry interrupted();

    /** The executions of {@code jobName} the runtime says are running; none for a job that never ran. */
    protected abstract List<Long> runningOnRuntime(String jobName);

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
        InterruptedExecutionRegistry interrupted = interrupted();
        return runningOnRuntime(jobName).stream()
                .filter(id -> !interrupted.isInterrupted(id))
                .toList();
    }

    @Override
    public boolean isInterrupted(long executionId) {
        return interrupted().isInterrupted(executionId);
    }

    @Override
    public void restarted(long executionId) {
        interrupted().restarted(executionId);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
